import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src-main/core/build/build';
import { readPack, writePack } from '../../../src-main/core/packs/index';
import type { PackManifest } from '../../../src-main/common/library';
import { GOBIERNOFACIL, SEEDS, sha256, tempDir, unpackOwnPack } from './helpers';

/**
 * Issue 23: a pack carries its database brotli-compressed, so a librarian never copies more
 * than the archive itself. Built from the real documents of ../shared/corpus (the Jekyll site's
 * images are already compressed: the hardest case for the goal).
 */
describe('pack size', () => {
  let work: string;
  let database: string;
  let pack: string;
  let manifest: PackManifest;

  beforeAll(async () => {
    work = tempDir('size');
    database = path.join(work, 'corpus.sqlite');
    await buildCorpus({ inputs: [SEEDS, GOBIERNOFACIL], out: database, name: 'Corpus real', version: '1' });
    pack = path.join(work, 'real.archive');
    manifest = await writePack({ databasePath: database, out: pack, id: 'corpus-real' });
  }, 120_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('is not larger than the database it installs, tar headers and manifest included', () => {
    const databaseBytes = statSync(database).size;
    const packBytes = statSync(pack).size;
    expect(manifest.database).toMatchObject({ file: 'corpus.sqlite.br', bytes: databaseBytes });
    expect(packBytes).toBeLessThanOrEqual(databaseBytes);
    // The compressed entry is what the manifest declares, and holds the database byte for byte.
    const stored = unpackOwnPack(pack);
    expect(stored.databaseEntry.name).toBe('corpus.sqlite.br');
    expect(manifest.database.file === 'corpus.sqlite.br' && manifest.database.compressedBytes).toBe(
      stored.databaseEntry.bytes.length,
    );
    expect(sha256(stored.database)).toBe(sha256(readFileSync(database)));
  });

  it('reads back to the same database (size and SHA-256 checked while inflating)', async () => {
    const verified = await readPack(pack, { workDir: path.join(work, 'incoming') });
    try {
      expect(verified.manifest.formatVersion).toBe(2);
      expect(verified.info.documentCount).toBe(manifest.documentCount);
      expect(sha256(readFileSync(verified.databasePath))).toBe(manifest.database.sha256);
    } finally {
      verified.discard();
    }
  });
});
