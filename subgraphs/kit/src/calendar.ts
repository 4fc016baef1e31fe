/** Today's date in Sichuan (China Standard Time, UTC+8), as YYYY-MM-DD: the day a decision takes effect. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
