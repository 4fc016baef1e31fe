/** Today's date in Sichuan (China Standard Time, UTC+8), as YYYY-MM-DD: the day a decision takes effect. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar day `days` after (or, negative, before) a YYYY-MM-DD day. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A calendar year's first and last day, as YYYY-MM-DD: days are stored so, and `BETWEEN :first AND :last` is the year. */
export function yearSpan(year: number | string): { first: string; last: string } {
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}
