import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportResult } from '../../../src-main/core/import/model';

/** The shared real corpus, beside the project (never copied into it). */
export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
export const SEEDS = path.join(CORPUS, 'seeds');
export const GOBIERNOFACIL = path.join(CORPUS, 'gobiernofacil');
export const PDF_LETTER = path.join(CORPUS, 'pdf/carta-osc-aga-2017-05-23.pdf');
export const LETTER_SEED = path.join(SEEDS, '000_ff8ecd809083cd7f.txt');
export const ARTICLE_SEED = path.join(SEEDS, '001_3d21b2bec742277f.txt');

/** Every text file (Markdown, plain text, HTML) under `dir`, in sorted order, recursively. */
export function textFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) textFiles(full, out);
    else if (/\.(md|markdown|txt|html?)$/i.test(name)) out.push(full);
  }
  return out;
}

/** A fresh temporary folder and a function that removes it. */
export function temporaryFolder(prefix: string): { folder: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), `importer-${prefix}-`));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** All `<a ...>` start tags of an HTML string. */
export function anchorTags(html: string): string[] {
  return html.match(/<a\s[^>]*>/g) ?? [];
}

/**
 * Everything an import produced, as bytes: documents and warnings as JSON, images with their bytes
 * in hex.
 */
export function serialiseImport(result: ImportResult): string {
  return JSON.stringify({
    documents: result.documents,
    assets: result.assets.map((asset) => ({ ...asset, bytes: asset.bytes.toString('hex') })),
    warnings: result.warnings,
    // Analyses from workers cross as ids of a per-worker dictionary (analysis-wire.ts): decoded, they must be the same.
    analyses: [...result.analyses].map(([id, analysis]) => ({
      id,
      fields: analysis.fields.map((field) => ({ terms: field.terms, counts: [...field.counts], length: field.length })),
      words: {
        words: analysis.words.words,
        starts: [...analysis.words.starts],
        positions: [...analysis.words.positions],
      },
    })),
  });
}
