import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createAnnotation } from '../../../src-main/core/annotations/annotations';
import { exportAnnotations } from '../../../src-main/core/annotations/exchange/export';
import { importAnnotations } from '../../../src-main/core/annotations/exchange/import';
import {
  EncryptedExportRefusedError,
  isEncryptedExport,
  openExport,
  sealExport,
} from '../../../src-main/core/annotations/exchange/encrypted-envelope';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';

/** Issue 17: an export sealed with a passphrase, and imported back. */

const NOTE = 'Testimonio de la fuente: no publicar';
const PASSPHRASE = 'exportación segura 2026';
let seeds: SeedArchive;
let work: string;

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'encrypted-export-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function sealedJsonLd(): Promise<string> {
  const userData = await openUserData(path.join(work, 'a'), { backup: false });
  const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
  createAnnotation(userData, seeds.archive, { documentId: seeds.letter.id, start, end, note: NOTE, tags: ['fuente'] });
  const sealed = sealExport(exportAnnotations(userData, seeds.archive, 'jsonld'), PASSPHRASE);
  userData.close();
  expect(sealed.extension).toBe('archivo-cifrado.json');
  return sealed.content;
}

it('the sealed JSON-LD shows neither the note, nor its tag, nor the document id, and imports back', async () => {
  const sealed = await sealedJsonLd();
  expect(isEncryptedExport(sealed)).toBe(true);
  for (const secret of [NOTE, 'fuente', seeds.letter.id, 'vigilancia']) expect(sealed).not.toContain(secret);

  const opened = openExport(sealed, PASSPHRASE);
  expect(opened.mime).toBe('application/ld+json');
  const other = await openUserData(path.join(work, 'b'), { backup: false });
  const summary = importAnnotations(other, seeds.archive, opened.content);
  expect(summary.added).toBe(1);
  expect(other.annotations.all().map((annotation) => [annotation.note, annotation.tags])).toEqual([[NOTE, ['fuente']]]);
  other.close();
});

it('a wrong passphrase and an altered file are refused with a sentence', async () => {
  const sealed = await sealedJsonLd();
  expect(() => openExport(sealed, 'exportación segura 2025')).toThrow(EncryptedExportRefusedError);
  expect(() => openExport(sealed, 'exportación segura 2025')).toThrow(/does not open this encrypted export/);
  // Lowering the key derivation's cost in the header is caught by the authentication too.
  const cheaper = sealed.replace('"N": 131072', '"N": 16384');
  expect(cheaper).not.toBe(sealed);
  expect(() => openExport(cheaper, PASSPHRASE)).toThrow(EncryptedExportRefusedError);
  expect(() => openExport('{"format": "archivo-offline-encrypted-export"}', PASSPHRASE)).toThrow(/not valid: version/);
});
