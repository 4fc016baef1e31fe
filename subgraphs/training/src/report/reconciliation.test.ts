import { DISCREPANCY_THRESHOLD_SOURCE, discrepancyThresholdFromEnv } from '../config';
import { periodDays, reconcile } from './reconciliation.service';

const threshold = { ratio: 0.1, personTimes: 10, source: DISCREPANCY_THRESHOLD_SOURCE };

/** A report's person-times against the recorded ones: only an overstatement beyond the threshold is flagged. */
describe('reconcile', () => {
  it('tolerates the larger of the absolute and the relative allowance', () => {
    expect(reconcile(210, 200, threshold)).toMatchObject({ discrepancy: 10, allowedDiscrepancy: 20, discrepancyFlagged: false });
    expect(reconcile(221, 200, threshold)).toMatchObject({ discrepancy: 21, discrepancyRatio: 0.105, discrepancyFlagged: true });
    expect(reconcile(15, 5, threshold)).toMatchObject({ discrepancy: 10, allowedDiscrepancy: 10, discrepancyFlagged: false });
  });

  it('flags claims with nothing recorded beyond the allowance, without a ratio', () => {
    expect(reconcile(11, 0, threshold)).toMatchObject({ discrepancy: 11, discrepancyRatio: null, discrepancyFlagged: true });
  });

  it('shows fewer claimed than recorded without flagging it, and nothing before submission', () => {
    expect(reconcile(100, 300, threshold)).toMatchObject({ discrepancy: -200, discrepancyFlagged: false });
    expect(reconcile(null, 300, threshold)).toMatchObject({ reportedPersonTimes: null, discrepancy: null, discrepancyFlagged: false });
  });
});

describe('periodDays', () => {
  it('gives a half-year’s first and last day, and nothing for another period', () => {
    expect(periodDays('2025-H1')).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(periodDays('2025-H2')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(periodDays('2025-Q1')).toBeNull();
  });
});

describe('discrepancyThresholdFromEnv', () => {
  it('defaults to 10 % and 10 person-times, labelled as the program office’s', () => {
    expect(discrepancyThresholdFromEnv({})).toEqual(threshold);
    expect(discrepancyThresholdFromEnv({ REPORT_DISCREPANCY_RATIO: '0.25', REPORT_DISCREPANCY_PERSON_TIMES: '0' })).toMatchObject({
      ratio: 0.25,
      personTimes: 0,
    });
  });

  it.each([
    ['REPORT_DISCREPANCY_RATIO', '-0.1'],
    ['REPORT_DISCREPANCY_RATIO', 'ten'],
    ['REPORT_DISCREPANCY_PERSON_TIMES', '2.5'],
  ])('refuses %s=%s at start-up', (name, value) => {
    expect(() => discrepancyThresholdFromEnv({ [name]: value })).toThrow(name);
  });
});
