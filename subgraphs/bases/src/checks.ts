import { badInput, isIsoDate } from '@skills-sichuan/runtime';
import { todayInChina } from '@skills-sichuan/subgraph-kit';

/** A decision date: a real day, not in the future; today when none is given. */
export function decisionDate(value: string | null | undefined, name: string): string {
  const day = value ?? todayInChina();
  if (!isIsoDate(day)) throw badInput(`${name} must be a calendar date such as "2025-06-30"`);
  if (day > todayInChina()) throw badInput(`${name} may not be in the future, got ${day}`);
  return day;
}
