import { CreditEventKind, CreditLevel } from './credit.entity';

/**
 * The credit rule (docs/subgraphs/evaluation.md, "Credit"), the same for an organisation
 * (all its events) and for a subject (the events recorded against it):
 * - score = 100 + the sum of the events' points, kept within 0–100;
 * - dishonest (on the 失信 list) while some DISHONESTY event has no REMEDIATION on or after its date;
 * - level D when dishonest or score < 60, C when < 75, B when < 90, A otherwise.
 */
export const BASE_CREDIT_SCORE = 100;
export const LEVEL_THRESHOLDS: [CreditLevel, number][] = [
  [CreditLevel.A, 90],
  [CreditLevel.B, 75],
  [CreditLevel.C, 60],
];

export interface CreditFacts {
  kind: CreditEventKind;
  points: number;
  occurredOn: string;
}

export function creditScore(events: readonly CreditFacts[]): number {
  const total = events.reduce((sum, e) => sum + e.points, BASE_CREDIT_SCORE);
  return Math.min(100, Math.max(0, total));
}

export function isDishonest(events: readonly CreditFacts[]): boolean {
  const lastRemediation = events
    .filter((e) => e.kind === CreditEventKind.REMEDIATION)
    .reduce((last, e) => (e.occurredOn > last ? e.occurredOn : last), '');
  return events.some((e) => e.kind === CreditEventKind.DISHONESTY && e.occurredOn > lastRemediation);
}

export function creditLevel(score: number, dishonest: boolean): CreditLevel {
  if (dishonest) return CreditLevel.D;
  return LEVEL_THRESHOLDS.find(([, min]) => score >= min)?.[0] ?? CreditLevel.D;
}

export function creditProfile(events: readonly CreditFacts[]): { score: number; level: CreditLevel; dishonest: boolean } {
  const score = creditScore(events);
  const dishonest = isDishonest(events);
  return { score, dishonest, level: creditLevel(score, dishonest) };
}
