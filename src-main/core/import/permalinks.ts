import path from 'node:path';

/** What a Jekyll post's URL is made of. */
export interface PostUrlParts {
  /** File name without extension, e.g. `2017-05-24-sociedad-civil-sale`. */
  fileStem: string;
  date: string | null;
  categories: string[];
  /** `permalink:` from the post's own front matter. */
  permalink: string | null;
  /** `slug:` from the front matter. */
  slug: string | null;
}

const PRESETS: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/**
 * The site-root URL path Jekyll would publish a post at, so that links written as permalinks
 * (`/transparencia/2017/05/24/...`) can be mapped to the document. Returned normalised
 * (see `normaliseUrlPath`).
 */
export function postUrlPath(parts: PostUrlParts, sitePermalink: unknown): string {
  const pattern =
    parts.permalink ??
    (typeof sitePermalink === 'string' ? (PRESETS[sitePermalink] ?? sitePermalink) : (PRESETS.date ?? ''));
  const title = parts.slug ?? parts.fileStem.replace(/^\d{4}-\d{2}-\d{2}-/, '');
  const [year = '', month = '', day = ''] = (parts.date ?? '').split('-');
  const values: Record<string, string> = {
    categories: parts.categories.map((category) => category.toLowerCase().replace(/\s+/g, '-')).join('/'),
    year,
    month,
    day,
    i_month: month ? String(Number(month)) : '',
    i_day: day ? String(Number(day)) : '',
    short_year: year.slice(2),
    y_day: '',
    title,
    slug: title,
    output_ext: '.html',
  };
  const filled = pattern.replace(
    /:(categories|year|month|day|i_month|i_day|short_year|y_day|title|slug|output_ext)/g,
    (_, key: string) => values[key] ?? '',
  );
  return normaliseUrlPath(filled);
}

/** Lower case, decoded, no `.html`, no trailing or doubled slashes: how both sides of a lookup are compared. */
export function normaliseUrlPath(urlPath: string): string {
  let decoded = urlPath.split(/[?#]/)[0] ?? '';
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep it as written
  }
  const cleaned = path.posix
    .normalize(`/${decoded}`)
    .replace(/\/+/g, '/')
    .replace(/\/index\.html?$/i, '')
    .replace(/\.html?$/i, '')
    .replace(/\/$/, '');
  return cleaned.toLowerCase() || '/';
}
