import { BUNDLED_ARCHIVE_ID } from '../../common/library';

const PACK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_PACK_ID = 64;

/** Pack ids name files in the packs folder and prefix document ids: keep them plain. */
export function isValidPackId(id: string): boolean {
  return id.length <= MAX_PACK_ID && PACK_ID.test(id) && id !== BUNDLED_ARCHIVE_ID;
}

/**
 * A pack id from a human name: accents dropped, lowercase, runs of anything else become one
 * hyphen ("Archivo Sonora 2026" -> "archivo-sonora-2026"). Never `bundled`, never empty.
 */
export function packIdFromName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_PACK_ID)
    .replace(/-+$/g, '');
  if (slug === '') return 'archivo';
  return slug === BUNDLED_ARCHIVE_ID ? `${slug}-pack` : slug;
}

/**
 * Compares librarian version labels segment by segment as numbers (`2026.1` < `2026.10`,
 * `2026.1` = `2026.1.0`). Negative when a < b.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
