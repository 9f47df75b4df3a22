import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackProblemCode } from '../../../src-main/common/library';
import { openLibrary, type Library } from '../../../src-main/core/packs/library';
import { checkPack, PackError, writePack } from '../../../src-main/core/packs/index';
import { CORPUS_SCHEMA_VERSION } from '../../../src-main/core/store/corpus-schema';
import {
  buildSeedsDatabase,
  listing,
  makeSeedsPack,
  manifestFor,
  sha256,
  tarOf,
  tempDir,
  unpackOwnPack,
  ustarEntry,
  zipOf,
} from './helpers';

/**
 * Every kind of bad pack is refused with its own code, and installing it leaves the packs
 * folder exactly as it was (no extracted temp file, no half-installed pack).
 */
describe('pack refusals', () => {
  let work: string;
  let goodPack: string;
  let goodDatabase: Buffer;
  let library: Library;
  let packsDir: string;

  beforeAll(async () => {
    work = tempDir('refusals');
    goodPack = await makeSeedsPack(work, 'semillas', { name: 'Semillas', version: '2026.1' });
    goodDatabase = unpackOwnPack(goodPack).database;
    const bundled = await buildSeedsDatabase(work, { name: 'Archivo semilla' });
    packsDir = path.join(work, 'packs');
    library = openLibrary({ bundledDatabasePath: bundled, packsDir });
  });

  afterAll(() => {
    library.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function expectRefused(file: string, code: PackProblemCode, sentence: RegExp): Promise<PackError> {
    const before = listing(packsDir);
    const error = await library.install(file, { allowUntrusted: true }).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(PackError);
    const refusal = error as PackError;
    expect(refusal.code).toBe(code);
    expect(refusal.message).toContain(file);
    expect(refusal.message).toMatch(sentence);
    expect(listing(packsDir)).toEqual(before);
    expect(library.list().map((archive) => archive.id)).toEqual(['bundled']);
    // verify (the CLI's check) says the same.
    await expect(checkPack(file)).rejects.toMatchObject({ code });
    return refusal;
  }

  function write(name: string, bytes: Buffer): string {
    const file = path.join(work, name);
    writeFileSync(file, bytes);
    return file;
  }

  it('accepts the good pack (the refusals below are of it, altered)', async () => {
    const manifest = await checkPack(goodPack);
    expect(manifest).toMatchObject({
      id: 'semillas',
      name: 'Semillas',
      version: '2026.1',
      documentCount: 2,
      schemaVersion: CORPUS_SCHEMA_VERSION,
    });
    expect(manifest.database.bytes).toBe(goodDatabase.length);
  });

  it('a byte flipped inside the database is tampered', async () => {
    // Stored as is (a format-1 pack): the SHA-256 catches it.
    const flippedDatabase = Buffer.from(goodDatabase);
    const middle = Math.floor(flippedDatabase.length / 2);
    flippedDatabase[middle] = (flippedDatabase[middle] as number) ^ 0x01;
    await expectRefused(
      write(
        'flipped.archive',
        tarOf([
          ustarEntry('manifest.json', manifestFor(goodDatabase, {})),
          ustarEntry('corpus.sqlite', flippedDatabase),
        ]),
      ),
      'tampered',
      /SHA-256 does not match/,
    );
    // Compressed (format 2, as the writer makes them): brotli fails, or the output is not the database.
    const bytes = readFileSync(goodPack);
    const stored = unpackOwnPack(goodPack).databaseEntry;
    expect(stored.name).toBe('corpus.sqlite.br');
    for (const [name, at] of [
      ['flipped-start.archive', stored.offset + 3],
      ['flipped-middle.archive', stored.offset + Math.floor(stored.bytes.length / 2)],
      ['flipped-end.archive', stored.offset + stored.bytes.length - 2],
    ] as const) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] as number) ^ 0x01;
      await expectRefused(write(name, altered), 'tampered', /damaged or altered/);
    }
  });

  it('still reads a format-1 pack (the database stored as is)', async () => {
    // The good pack's own manifest, as the writer made it before format 2.
    const { manifest: written } = unpackOwnPack(goodPack);
    const formatOne = manifestFor(goodDatabase, {
      ...written,
      formatVersion: 1,
      database: { file: 'corpus.sqlite', bytes: goodDatabase.length, sha256: sha256(goodDatabase) },
    });
    const plain = write(
      'format-1.archive',
      tarOf([ustarEntry('manifest.json', formatOne), ustarEntry('corpus.sqlite', goodDatabase)]),
    );
    const manifest = await checkPack(plain);
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.database).toEqual({
      file: 'corpus.sqlite',
      bytes: goodDatabase.length,
      sha256: sha256(goodDatabase),
    });
  });

  it('a compressed database that inflates past its declared size is tampered, not written out', async () => {
    // A small manifest size over the real compressed stream: the inflater is stopped at the limit.
    const stored = unpackOwnPack(goodPack).databaseEntry.bytes;
    const manifest = manifestFor(goodDatabase, {
      ...unpackOwnPack(goodPack).manifest,
      formatVersion: 2,
      database: { file: 'corpus.sqlite.br', bytes: 4096, sha256: sha256(goodDatabase), compressedBytes: stored.length },
    });
    await expectRefused(
      write('bomb.archive', tarOf([ustarEntry('manifest.json', manifest), ustarEntry('corpus.sqlite.br', stored)])),
      'tampered',
      /longer than the 4096 bytes/,
    );
  });

  it('a file cut off in the database or in the manifest is truncated', async () => {
    const bytes = readFileSync(goodPack);
    await expectRefused(write('cut.archive', bytes.subarray(0, Math.floor(bytes.length / 2))), 'truncated', /cut off/);
    await expectRefused(write('cut-manifest.archive', bytes.subarray(0, 700)), 'truncated', /cut off/);
    await expectRefused(write('cut-header.archive', bytes.subarray(0, 300)), 'truncated', /cut off/);
  });

  it('a truncated file on disk (the copy stopped) is truncated, not tampered', async () => {
    const file = path.join(work, 'stopped.archive');
    copyFileSync(goodPack, file);
    truncateSync(file, 512 * 7);
    await expectRefused(file, 'truncated', /cut off/);
  });

  it('a manifest whose hash or size does not match the database is tampered', async () => {
    const wrongHash = manifestFor(goodDatabase, {
      database: { file: 'corpus.sqlite', bytes: goodDatabase.length, sha256: 'a'.repeat(64) },
    });
    await expectRefused(
      write(
        'wrong-hash.archive',
        tarOf([ustarEntry('manifest.json', wrongHash), ustarEntry('corpus.sqlite', goodDatabase)]),
      ),
      'tampered',
      /SHA-256 does not match/,
    );
    const wrongSize = manifestFor(goodDatabase, {
      database: { file: 'corpus.sqlite', bytes: goodDatabase.length + 512, sha256: 'a'.repeat(64) },
    });
    await expectRefused(
      write(
        'wrong-size.archive',
        tarOf([ustarEntry('manifest.json', wrongSize), ustarEntry('corpus.sqlite', goodDatabase)]),
      ),
      'tampered',
      /bytes but the manifest says/,
    );
  });

  it('a pack made by a newer app (schema in manifest, or only in the database) is newer-schema', async () => {
    // Through the real writer: the manifest takes the schema from the database's user_version.
    const database = await buildSeedsDatabase(work);
    const db = new Database(database);
    db.pragma(`user_version = ${CORPUS_SCHEMA_VERSION + 1}`);
    db.close();
    const newer = path.join(work, 'newer.archive');
    await writePack({ databasePath: database, out: newer, id: 'semillas' });
    await expectRefused(newer, 'newer-schema', new RegExp(`schema ${CORPUS_SCHEMA_VERSION + 1}`));

    // A manifest that claims the current schema over a newer database is caught by the database check.
    const newerBytes = readFileSync(database);
    const lying = manifestFor(newerBytes, {});
    await expectRefused(
      write('newer-db.archive', tarOf([ustarEntry('manifest.json', lying), ustarEntry('corpus.sqlite', newerBytes)])),
      'newer-schema',
      /newer version of the app/,
    );

    const futureFormat = manifestFor(goodDatabase, { formatVersion: 3 });
    await expectRefused(
      write(
        'format-3.archive',
        tarOf([ustarEntry('manifest.json', futureFormat), ustarEntry('corpus.sqlite', goodDatabase)]),
      ),
      'newer-schema',
      /format version 3/,
    );
  });

  it('a zip, random bytes or an empty file renamed .archive is not-a-pack', async () => {
    const zip = write(
      'zipped.archive',
      zipOf('manifest.json', manifestFor(goodDatabase, {}), (data) => crc32(data)),
    );
    // It is a real zip: unzip lists its entry.
    const listed = spawnSync('unzip', ['-l', zip], { encoding: 'utf8' });
    if (listed.error) console.log(`unzip not available (${listed.error.message}); the zip is not cross-checked`);
    else expect(listed.stdout).toContain('manifest.json');
    await expectRefused(zip, 'not-a-pack', /not a tar file/);
    await expectRefused(write('random.archive', randomBytes(64 * 1024)), 'not-a-pack', /not a tar file/);
    await expectRefused(write('empty.archive', Buffer.alloc(0)), 'not-a-pack', /empty/);
    // The bare database, renamed.
    await expectRefused(write('bare.archive', goodDatabase), 'not-a-pack', /not a tar file/);
  });

  it('a tar with an extra entry, a symlink, a ../ name or the entries swapped is not-a-pack', async () => {
    const manifest = manifestFor(goodDatabase, {});
    await expectRefused(
      write(
        'extra.archive',
        tarOf([
          ustarEntry('manifest.json', manifest),
          ustarEntry('corpus.sqlite', goodDatabase),
          ustarEntry('notes.txt', Buffer.from('hola')),
        ]),
      ),
      'not-a-pack',
      /extra entry "notes.txt"/,
    );
    await expectRefused(
      write(
        'symlink.archive',
        tarOf([
          ustarEntry('manifest.json', manifest),
          ustarEntry('corpus.sqlite', Buffer.alloc(0), '2', '/etc/passwd'),
        ]),
      ),
      'not-a-pack',
      /SymbolicLink, not a regular file/,
    );
    await expectRefused(
      write(
        'dotdot.archive',
        tarOf([ustarEntry('manifest.json', manifest), ustarEntry('../corpus.sqlite', goodDatabase)]),
      ),
      'not-a-pack',
      /"\.\.\/corpus\.sqlite", expected corpus\.sqlite/,
    );
    await expectRefused(
      write(
        'swapped.archive',
        tarOf([ustarEntry('corpus.sqlite', goodDatabase), ustarEntry('manifest.json', manifest)]),
      ),
      'not-a-pack',
      /entry 1 is "corpus.sqlite", expected manifest.json/,
    );
  });

  it('a manifest with a bad field, or that disagrees with its database, is bad-manifest', async () => {
    const badId = manifestFor(goodDatabase, { id: 'Con Espacios' });
    await expectRefused(
      write('bad-id.archive', tarOf([ustarEntry('manifest.json', badId), ustarEntry('corpus.sqlite', goodDatabase)])),
      'bad-manifest',
      /field "id"/,
    );
    const bundledId = manifestFor(goodDatabase, { id: 'bundled' });
    await expectRefused(
      write(
        'bundled-id.archive',
        tarOf([ustarEntry('manifest.json', bundledId), ustarEntry('corpus.sqlite', goodDatabase)]),
      ),
      'bad-manifest',
      /field "id"/,
    );
    await expectRefused(
      write(
        'not-json.archive',
        tarOf([ustarEntry('manifest.json', Buffer.from('{"format":')), ustarEntry('corpus.sqlite', goodDatabase)]),
      ),
      'bad-manifest',
      /not valid UTF-8 JSON/,
    );
    const wrongCount = manifestFor(goodDatabase, { documentCount: 3 });
    await expectRefused(
      write(
        'count.archive',
        tarOf([ustarEntry('manifest.json', wrongCount), ustarEntry('corpus.sqlite', goodDatabase)]),
      ),
      'bad-manifest',
      /documentCount is 3 in manifest.json but 2 in the database/,
    );
  });

  it('sizes beyond the limits are refused from the header, before anything is extracted', async () => {
    const huge = Buffer.from(JSON.stringify({ padding: 'x'.repeat(70 * 1024) }));
    await expectRefused(
      write(
        'huge-manifest.archive',
        tarOf([ustarEntry('manifest.json', huge), ustarEntry('corpus.sqlite', goodDatabase)]),
      ),
      'bad-manifest',
      /more than the 65536 allowed/,
    );
    // A header that declares a 5 GB database (the file itself is small: nothing is read past the header).
    const fiveGb = 5 * 1024 * 1024 * 1024;
    const claim = manifestFor(goodDatabase, {});
    await expectRefused(
      write(
        'five-gb.archive',
        Buffer.concat([
          ustarEntry('manifest.json', claim),
          ustarEntry('corpus.sqlite', Buffer.alloc(0), '0', '', fiveGb),
        ]),
      ),
      'not-a-pack',
      /more than the 4 GB allowed/,
    );
  });

  it('a SQLite database that is not a corpus (hash matching) is not-a-corpus', async () => {
    const file = path.join(work, 'other.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ana')");
    db.close();
    const other = readFileSync(file);
    await expectRefused(
      write(
        'foreign.archive',
        tarOf([ustarEntry('manifest.json', manifestFor(other, {})), ustarEntry('corpus.sqlite', other)]),
      ),
      'not-a-corpus',
      /not a corpus this app can open/,
    );
  });

  it('a symlink given as the pack file is followed only to a regular file; a folder is refused', async () => {
    const link = path.join(work, 'link.archive');
    symlinkSync(goodPack, link);
    await expect(checkPack(link)).resolves.toMatchObject({ id: 'semillas' });
    await expect(checkPack(work)).rejects.toMatchObject({ code: 'not-a-pack' });
  });
});
