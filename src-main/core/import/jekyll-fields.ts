import type { FileWarnings } from './warnings';
import { isRecord } from '../../common/guards';

/** The fields a Jekyll post's front matter (and file name) can give a document. */
export interface PostFields {
  title: string | null;
  date: string | null;
  authors: string[];
  category: string | null;
  tags: string[];
  description: string | null;
}

const FILE_NAME_DATE = /^(\d{4})-(\d{2})-(\d{2})-/;

export function readPostFields(data: Record<string, unknown>, fileName: string, warn: FileWarnings): PostFields {
  // `categories: java eclipse` is two categories in Jekyll (a string is split on spaces); `category` is one.
  const categories = [...stringList(data.category), ...tagList(data.categories)];
  const [category, ...otherCategories] = unique(categories);
  return {
    title: singleString(data.title),
    date: postDate(data.date, fileName, warn),
    authors: unique(authorNames(data.author ?? data.authors)),
    category: category ?? null,
    // A post filed under several categories keeps the first as `category`; the others stay findable as tags.
    tags: unique([...tagList(data.tags ?? data.tag), ...otherCategories]),
    description:
      singleString(data.description) ??
      singleString(data.excerpt) ??
      singleString(data.subtitle) ??
      singleString(data.tagline),
  };
}

/** ISO date from the front matter, else the `YYYY-MM-DD-` file name prefix, else null (never invented). */
function postDate(value: unknown, fileName: string, warn: FileWarnings): string | null {
  if (value !== undefined && value !== null && value !== '') {
    const fromField = isoDate(value);
    if (fromField) return fromField;
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    warn(`front matter date "${shown}" is not a date; using the file name instead`);
  }
  const match = FILE_NAME_DATE.exec(fileName);
  if (!match) return null;
  return validIso(`${match[1]}-${match[2]}-${match[3]}`);
}

function isoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ Tt]|$)/.exec(value);
  const [, year, month, day] = match ?? [];
  if (year === undefined || month === undefined || day === undefined) return null;
  return validIso(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
}

/** `YYYY-MM-DD` if it names a real calendar day. */
export function validIso(iso: string): string | null {
  const [year, month, day] = iso.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? iso : null;
}

/**
 * Author names from a string, an object with `name`, or a list of either. The gobiernofacil
 * site writes two authors as "Alejandra Padilla + Argentina Velasco": " + " always separates;
 * " & " and " y " only when both sides look like personal names (so "Investigación y Docencia" stays whole).
 */
function authorNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => authorNames(item));
  if (isRecord(value)) return authorNames(value.name);
  const text = singleString(value);
  if (!text) return [];
  return text
    .split(/\s+\+\s+/)
    .flatMap((part) => splitIfTwoNames(part))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

function splitIfTwoNames(text: string): string[] {
  const parts = text.split(/\s+(?:&|y|and)\s+/);
  if (parts.length > 1 && parts.every(looksLikePersonalName)) return parts;
  return [text];
}

function looksLikePersonalName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 4 && words.every((word) => /^\p{Lu}[\p{L}'’.-]*$/u.test(word));
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => stringList(item));
  const text = singleString(value);
  return text ? [text] : [];
}

/** Jekyll accepts tags as a list or as one space-separated string. */
function tagList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => stringList(item));
  const text = singleString(value);
  return text ? text.split(/\s+/) : [];
}

function singleString(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed.length > 0 ? trimmed : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
