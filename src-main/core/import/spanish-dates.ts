import { validIso } from './jekyll-fields';

/** The months' names as Spanish datelines write them (lower case, `septiembre` not `setiembre`). */
export const SPANISH_MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
] as const;

/** "setiembre" is an accepted Spanish spelling of septiembre. */
const MONTH_ALIASES: Record<string, number> = { setiembre: 9 };

export interface Dateline {
  /** The place before the date, e.g. "Ciudad de México"; null for a date alone. */
  place: string | null;
  /** ISO `YYYY-MM-DD`. */
  date: string;
}

/**
 * A letter's dateline: "Ciudad de México, a 23 de mayo de 2017", "Oaxaca, Oax., 1o. de Junio del 2017",
 * "23 de mayo de 2017". The whole line must be the dateline (a sentence that merely mentions a
 * date is not one), allowing Markdown emphasis around it and a final period.
 */
export function parseDateline(line: string): Dateline | null {
  const clean = line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/[*_]{1,3}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length === 0 || clean.length > 160) return null;
  const match =
    /^(?:(.+?)(?:,\s*(?:a\s+)?|\s+a\s+))?(?:(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo),?\s+)?(\d{1,2})\s*(?:o\.?|º\.?|°\.?|ro\.?)?\s+de\s+(\p{L}+)\s+(?:de|del)\s+(\d{4})\.?$/iu.exec(
      clean,
    );
  if (!match) return null;
  const month = monthNumber(match[3] ?? '');
  if (month === null) return null;
  const iso = validIso(`${match[4]}-${String(month).padStart(2, '0')}-${(match[2] ?? '').padStart(2, '0')}`);
  if (!iso) return null;
  const place = match[1] ? match[1].replace(/,\s*$/, '').replace(/\s+a$/i, '').trim() : null;
  // A "place" that is really prose (long, or ending a sentence) means this is not a dateline.
  if (place !== null && (place.length > 80 || (/[.;:!?]$/.test(place) && !/\b\p{Lu}\p{L}{0,4}\.$/u.test(place))))
    return null;
  return { place: place && place.length > 0 ? place : null, date: iso };
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const index = SPANISH_MONTHS.findIndex((month) => month === lower);
  if (index >= 0) return index + 1;
  return MONTH_ALIASES[lower] ?? null;
}

/** "2017-05-23" -> "23 de mayo de 2017", for titles. */
export function spanishLongDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const name = month !== undefined ? SPANISH_MONTHS[month - 1] : undefined;
  if (year === undefined || day === undefined || !name) return iso;
  return `${day} de ${name} de ${year}`;
}
