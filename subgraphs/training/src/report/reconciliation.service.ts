import type { RequestContext } from '@skills-sichuan/subgraph-kit';
import { discrepancyThreshold, type DiscrepancyThreshold } from '../config';
import type { ProgressReport } from './progress-report.stub';
import { recordedPersonTimesOf } from './reconciliation.loader';
import type { ProgressReconciliation } from './reconciliation';

const HALF_YEAR = /^(\d{4})-H([12])$/;

/** The days of a half-year period as the evaluation subgraph writes it ("2025-H1"); null for any other. */
export function periodDays(period: string): { from: string; to: string } | null {
  const m = HALF_YEAR.exec(period);
  if (!m) return null;
  return m[2] === '1' ? { from: `${m[1]}-01-01`, to: `${m[1]}-06-30` } : { from: `${m[1]}-07-01`, to: `${m[1]}-12-31` };
}

/**
 * Reported against recorded. Only an overstatement is flagged: training may be recorded after the
 * report, so fewer claimed than recorded is shown (a negative discrepancy) but not suspect.
 */
export function reconcile(
  reported: number | null,
  recorded: number,
  threshold: DiscrepancyThreshold,
): Omit<ProgressReconciliation, 'countedFrom' | 'countedTo'> {
  const discrepancy = reported === null ? null : reported - recorded;
  const allowedDiscrepancy = Math.max(threshold.personTimes, Math.floor(threshold.ratio * recorded));
  return {
    reportedPersonTimes: reported,
    recordedPersonTimes: recorded,
    discrepancy,
    discrepancyRatio: discrepancy === null || recorded === 0 ? null : Math.round((discrepancy / recorded) * 10_000) / 10_000,
    allowedDiscrepancy,
    discrepancyFlagged: discrepancy !== null && discrepancy > allowedDiscrepancy,
    threshold: { ...threshold },
  };
}

/** A report's reconciliation with the training recorded for its organisation and period; null for a report without either. */
export async function reconciliationOf(ctx: RequestContext, report: ProgressReport): Promise<ProgressReconciliation | null> {
  const days = report.period ? periodDays(report.period) : null;
  const organizationId = report.organization?.id;
  if (!days || !organizationId) return null;
  const recorded = await ctx.loaders.of(recordedPersonTimesOf).load({ organizationId, ...days });
  return {
    countedFrom: days.from,
    countedTo: days.to,
    ...reconcile(report.figures?.personTimes ?? null, recorded, discrepancyThreshold()),
  };
}
