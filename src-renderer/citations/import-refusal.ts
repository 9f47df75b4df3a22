import { isRecord } from '../lib/guards';

/** The kinds of file an import refuses by name (core/annotations/exchange/import-format.ts). */
export type RefusedImportKind = 'markdown' | 'sqlite' | 'unknown';
const PREFIX = 'unsupported-import-format:';

/** Which kind of file an import refused, from the error's code; null for any other error. */
export function unsupportedImportKind(error: unknown): RefusedImportKind | null {
  if (!isRecord(error)) return null;
  const code = error.code;
  if (typeof code !== 'string' || !code.startsWith(PREFIX)) return null;
  const kind = code.slice(PREFIX.length);
  return kind === 'markdown' || kind === 'sqlite' || kind === 'unknown' ? kind : null;
}
