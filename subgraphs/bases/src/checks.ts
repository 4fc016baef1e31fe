import { badInput, isIsoDate, isRecordId } from '@skills-sichuan/runtime';
import { todayInChina } from '@skills-sichuan/subgraph-kit';

/** ids a filter or an input may list at once */
export const MAX_IDS = 500;

/** Refuses an id that is not a UUID: ids of other subgraphs are checked for shape only, their owner resolves them. */
export function checkId(value: string | null | undefined, name: string): void {
  if (value != null && !isRecordId(value)) throw badInput(`${name} must be a UUID, got ${JSON.stringify(value)}`);
}

/** Refuses more than MAX_IDS ids, or any that is not a UUID. */
export function checkIds(ids: string[] | null | undefined, name: string): void {
  if (ids && ids.length > MAX_IDS) throw badInput(`${name} may list at most ${MAX_IDS} ids, got ${ids.length}`);
  for (const id of ids ?? []) checkId(id, name);
}

/** A decision date: a real day, not in the future; today when none is given. */
export function decisionDate(value: string | null | undefined, name: string): string {
  const day = value ?? todayInChina();
  if (!isIsoDate(day)) throw badInput(`${name} must be a calendar date such as "2025-06-30"`);
  if (day > todayInChina()) throw badInput(`${name} may not be in the future, got ${day}`);
  return day;
}
