import { badInput, isRecordId } from '@skills-sichuan/runtime';

const CITY_CODE = /^\d{6}$/;

/** Refuses a malformed city code before it reaches SQL; a well-formed unknown one simply matches nothing. */
export function checkCityCode(code: string | null | undefined): void {
  if (code != null && !CITY_CODE.test(code))
    throw badInput(`cityCode must be a 6-digit GB/T 2260 code such as "510100", got ${JSON.stringify(code)}`);
}

/** Refuses a year no plan could mean. */
export function checkYear(year: number | null | undefined): void {
  if (year != null && (year < 2000 || year > 2100)) throw badInput(`year must be a calendar year such as 2025, got ${year}`);
}

/** Trims a free-text field and refuses it outside its length, naming the field; a blank one is refused as missing. */
export function requireText(value: string | null | undefined, field: string, min: number, max: number): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed && min > 0) throw badInput(`${field} is required and may not be blank`, { field });
  if (trimmed.length < min || trimmed.length > max) throw badInput(`${field} must be ${min}–${max} characters`, { field });
  return trimmed;
}

/** ids a filter or an input may list at once */
export const MAX_IDS = 500;

/** Refuses an id that is not a record id (a UUID): ids of other subgraphs are checked for shape only, their owner resolves them. */
export function checkId(value: string | null | undefined, name: string): void {
  if (value != null && !isRecordId(value)) throw badInput(`${name} must be a UUID, got ${JSON.stringify(value)}`, { field: name });
}

/** Refuses more than MAX_IDS ids, or any that is not a record id. */
export function checkIds(ids: readonly string[] | null | undefined, name: string): void {
  if (ids && ids.length > MAX_IDS) throw badInput(`${name} may list at most ${MAX_IDS} ids, got ${ids.length}`, { field: name });
  for (const id of ids ?? []) checkId(id, name);
}

/** Refuses a count that is not a whole number within its bounds (a negative one above all). */
export function checkCount(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`${name} must be a whole number from ${min} to ${max}, got ${value}`, { field: name });
}

/** Refuses a period that ends before it starts, or starts in a year no plan could mean. */
export function checkPeriod(startOn: string, endOn: string): void {
  if (endOn < startOn) throw badInput(`endOn (${endOn}) is before startOn (${startOn})`, { field: 'endOn' });
  checkYear(Number(startOn.slice(0, 4)));
}
