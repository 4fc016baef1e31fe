import { badInput } from '@skills-sichuan/runtime';

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
