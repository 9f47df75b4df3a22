/** Formats an ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) date in the UI language, without time-zone drift. */
export function formatIsoDate(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || Number.isNaN(year)) return date;
  const utc = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions =
    day !== undefined ? { dateStyle: 'long', timeZone: 'UTC' } : month !== undefined ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(language, options).format(utc);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}
