import { validIso } from './jekyll-fields';

/** `2013-11-01-festival.md`: Jekyll's post file name. */
const FILE_NAME_DATE = /^(\d{4})-(\d{2})-(\d{2})-/;
const YEAR = /^(?:19|20)\d{2}$/;
const MONTH_OR_DAY = /^\d{1,2}$/;

/**
 * The date a site encodes in a document's path, when its front matter has none: the `YYYY-MM-DD-`
 * file name prefix, else `YYYY/MM/DD/` folders (`_posts/2013/11/01/0044-festival.md`), else
 * `YYYY/MM/` folders, read as the month's first day (a date column holds days; the month is what
 * the year facet, sort and timelines need). The deepest match wins; null when none names a real day.
 */
export function dateFromPath(source: string): string | null {
  const segments = source.split('/');
  const fileName = segments.pop() ?? '';
  const named = FILE_NAME_DATE.exec(fileName);
  if (named) {
    const iso = validIso(`${named[1]}-${named[2]}-${named[3]}`);
    if (iso) return iso;
  }
  for (let index = segments.length - 2; index >= 0; index -= 1) {
    const [year, month, day] = segments.slice(index, index + 3);
    if (!year || !month || !YEAR.test(year) || !MONTH_OR_DAY.test(month)) continue;
    const withDay = day !== undefined && MONTH_OR_DAY.test(day) ? validIso(isoOf(year, month, day)) : null;
    const iso = withDay ?? validIso(isoOf(year, month, '1'));
    if (iso) return iso;
  }
  return null;
}

function isoOf(year: string, month: string, day: string): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
