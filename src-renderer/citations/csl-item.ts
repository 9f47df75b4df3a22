import type { DocumentRecord } from '../../src-main/common/types';

/**
 * The subset of CSL-JSON (the Citation Style Language's data schema) a document of the archive
 * fills. Names are `literal` when they cannot be split safely (an organisation signing a
 * letter), `family`/`given` otherwise.
 */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslDate {
  'date-parts': [[number, number?, number?]];
}

export interface CslItem {
  id: string;
  type: 'article' | 'letter' | 'document';
  title: string;
  author?: CslName[];
  recipient?: CslName[];
  issued?: CslDate;
  accessed: CslDate;
  'publisher-place'?: string;
  /** The archive the document was read in (corpus or pack name). */
  archive: string;
  URL: string;
  genre?: string;
  abstract?: string;
  keyword?: string;
  language: 'es';
}

/** What a citation needs beyond the document itself. */
export interface CitationContext {
  /** Name of the archive holding the document (corpus or pack name). */
  archiveName: string;
  /** Stable link that opens the document (see permalink.ts). */
  permalink: string;
  /** Day the reader consulted it (CSL `accessed`). */
  accessed: Date;
}

/** The one mapping from the archive's metadata to CSL-JSON, used by every style and export format. */
export function toCslItem(document: DocumentRecord, context: CitationContext): CslItem {
  // A letter's signatories are mostly organisations: kept whole, never cut into given/family.
  const people =
    document.authors.length > 0 ? document.authors.map(cslName) : document.signatories.map((literal) => ({ literal }));
  const issued = cslDate(document.date);
  return {
    id: document.id,
    type: document.type === 'letter' ? 'letter' : document.type === 'article' ? 'article' : 'document',
    title: document.title,
    ...(people.length > 0 ? { author: people } : {}),
    ...(document.addressee ? { recipient: [{ literal: document.addressee }] } : {}),
    ...(issued ? { issued } : {}),
    accessed: {
      'date-parts': [
        [context.accessed.getUTCFullYear(), context.accessed.getUTCMonth() + 1, context.accessed.getUTCDate()],
      ],
    },
    ...(document.place ? { 'publisher-place': document.place } : {}),
    archive: context.archiveName,
    URL: context.permalink,
    ...(document.category ? { genre: document.category } : {}),
    ...(document.description ? { abstract: document.description } : {}),
    ...(document.tags.length > 0 ? { keyword: document.tags.join(', ') } : {}),
    language: 'es',
  };
}

/** `YYYY-MM-DD` (or a prefix of it) to CSL date parts; null when there is no date (never invented). */
export function cslDate(iso: string | null): CslDate | null {
  const match = iso ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso) : null;
  if (!match?.[1]) return null;
  const year = Number(match[1]);
  if (!match[2]) return { 'date-parts': [[year]] };
  if (!match[3]) return { 'date-parts': [[year, Number(match[2])]] };
  return { 'date-parts': [[year, Number(match[2]), Number(match[3])]] };
}

const ORGANISATION =
  /\b(asociaci[oó]n|centro|red|fundaci[oó]n|instituto|colectivo|comit[eé]|article|organizaci[oó]n|social|derechos|m[eé]xico|gobierno|A\.?\s?C\.?)\b/i;

/**
 * "Ana Pérez" becomes family "Pérez", given "Ana"; with three or four words the last two are the
 * surnames (Spanish names carry two: "Ana María Pérez López"); "Pérez, Ana" is kept as written; an
 * organisation ("Artículo 19", "R3D: Red en Defensa…") or a single word stays one literal name,
 * so no style ever abbreviates it to initials.
 */
export function cslName(name: string): CslName {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  const comma = /^([^,]+),\s*([^,]+)$/.exec(trimmed);
  if (comma?.[1] && comma[2] && !ORGANISATION.test(trimmed)) return { family: comma[1], given: comma[2] };
  const words = trimmed.split(' ');
  if (words.length < 2 || words.length > 4 || ORGANISATION.test(trimmed) || /\d|[:;()]/.test(trimmed))
    return { literal: trimmed };
  const givenCount = words.length === 4 ? 2 : 1;
  return { family: words.slice(givenCount).join(' '), given: words.slice(0, givenCount).join(' ') };
}
