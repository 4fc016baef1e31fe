import { CreditEventKind, CreditLevel } from './credit.entity';
import { creditProfile } from './credit.rule';

const e = (kind: CreditEventKind, points: number, occurredOn: string) => ({ kind, points, occurredOn });

/** The credit rule: score from the points, level by thresholds, the dishonesty list until remediation. */
describe('credit rule', () => {
  it('starts at 100 / A and keeps the score within 0–100', () => {
    expect(creditProfile([])).toEqual({ score: 100, level: CreditLevel.A, dishonest: false });
    expect(creditProfile([e(CreditEventKind.COMMENDATION, 10, '2025-01-01')]).score).toBe(100);
    expect(creditProfile([e(CreditEventKind.VIOLATION, -80, '2025-01-01'), e(CreditEventKind.VIOLATION, -80, '2025-02-01')]).score).toBe(0);
  });

  it.each([
    [-10, CreditLevel.A],
    [-11, CreditLevel.B],
    [-25, CreditLevel.B],
    [-26, CreditLevel.C],
    [-40, CreditLevel.C],
    [-41, CreditLevel.D],
  ])('gives %i points level %s', (points, level) => {
    expect(creditProfile([e(CreditEventKind.VIOLATION, points, '2025-01-01')]).level).toBe(level);
  });

  it('lists a subject as dishonest, at level D, until a remediation on or after the dishonesty', () => {
    const dishonesty = e(CreditEventKind.DISHONESTY, -5, '2025-03-01');
    expect(creditProfile([dishonesty])).toEqual({ score: 95, level: CreditLevel.D, dishonest: true });
    expect(creditProfile([e(CreditEventKind.REMEDIATION, 0, '2025-02-28'), dishonesty]).dishonest).toBe(true);
    expect(creditProfile([dishonesty, e(CreditEventKind.REMEDIATION, 0, '2025-03-01')])).toEqual({
      score: 95,
      level: CreditLevel.A,
      dishonest: false,
    });
    expect(
      creditProfile([dishonesty, e(CreditEventKind.REMEDIATION, 5, '2025-04-01'), e(CreditEventKind.DISHONESTY, -5, '2025-05-01')])
        .dishonest,
    ).toBe(true);
  });
});
