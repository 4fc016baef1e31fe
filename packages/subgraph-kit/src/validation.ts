import { badInput, isRecordId, SICHUAN_CITY_CODES } from '@skills-sichuan/runtime';

/**
 * Refuses a city code that is not one of Sichuan's 21 市州 (the runtime's list, fixed by the
 * plan; the bases subgraph's City table is seeded from it) before it reaches SQL or a row,
 * so no row can name a city the graph cannot resolve.
 */
export function checkCityCode(code: string | null | undefined): void {
  if (code != null && !SICHUAN_CITY_CODES.has(code))
    throw badInput(
      `cityCode must be the 6-digit GB/T 2260 code of one of Sichuan's 21 市州, such as "510100", got ${JSON.stringify(code)}`,
      {
        field: 'cityCode',
      },
    );
}

/** Refuses a year no plan could mean. */
export function checkYear(year: number | null | undefined): void {
  if (year != null && (year < 2000 || year > 2100)) throw badInput(`year must be a calendar year such as 2025, got ${year}`);
}

// free text and counts are checked alike in every service, the gateway's registry too: the runtime holds them
export { requireText, textProblem, checkCount } from '@skills-sichuan/runtime';

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

/** Refuses a period that ends before it starts, or starts in a year no plan could mean. */
export function checkPeriod(startOn: string, endOn: string): void {
  if (endOn < startOn) throw badInput(`endOn (${endOn}) is before startOn (${startOn})`, { field: 'endOn' });
  checkYear(Number(startOn.slice(0, 4)));
}
