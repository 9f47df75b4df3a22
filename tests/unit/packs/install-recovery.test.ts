import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../src-main/core/packs/library';
import { buildSeedsDatabase, listing, makeSeedsPack, tempDir } from './helpers';

/** These packs are unsigned and the installer pins no publisher: the user has confirmed each. */
const UNSIGNED_CONFIRMED = { allowUntrusted: true };

/** Installs never leave a half state: concurrent calls are serialised, a crash mid-swap is undone at the next start. */
describe('pack installation under concurrency and crashes', () => {
  let work: string;
  let bundled: string;
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    work = tempDir('recovery');
    bundled = await buildSeedsDatabase(work, { name: 'Archivo semilla' });
    v1 = await makeSeedsPack(work, 'semillas', { name: 'Semillas', version: '1' });
    v2 = await makeSeedsPack(work, 'semillas', { name: 'Semillas', version: '2', omit: ['000_ff8ecd809083cd7f.txt'] });
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('two installs of the same pack at once: one installs, the other finds it installed', async () => {
    const packsDir = path.join(work, 'packs-concurrent');
    const library = openLibrary({ bundledDatabasePath: bundled, packsDir });
    try {
      const results = await Promise.allSettled([
        library.install(v1, UNSIGNED_CONFIRMED),
        library.install(v1, UNSIGNED_CONFIRMED),
      ]);
      expect(results[0]).toMatchObject({ status: 'fulfilled', value: { kind: 'installed' } });
      expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'already-installed' } });
      expect(listing(packsDir)).toEqual(['semillas.json', 'semillas.sqlite']);
    } finally {
      library.close();
    }
  });

  it('a read-only library (a search thread) opened mid-install leaves the install to finish', async () => {
    const packsDir = path.join(work, 'packs-reader');
    const owner = openLibrary({ bundledDatabasePath: bundled, packsDir });
    await owner.install(v1, UNSIGNED_CONFIRMED);
    // An install of v2 under way: the old files moved aside, the extraction under its temporary name.
    renameSync(path.join(packsDir, 'semillas.json'), path.join(packsDir, 'semillas.json.replaced-0d0e0f'));
    writeFileSync(path.join(packsDir, '.incoming-456-fedcba.sqlite'), Buffer.alloc(8192, 2));
    const reader = openLibrary({ bundledDatabasePath: bundled, packsDir, readOnly: true });
    try {
      // Nothing repaired, moved or deleted: the installing process still owns those files.
      expect(listing(packsDir)).toEqual([
        '.incoming-456-fedcba.sqlite',
        'semillas.json.replaced-0d0e0f',
        'semillas.sqlite',
      ]);
      expect(reader.list().map((archive) => archive.id)).toContain('semillas');
    } finally {
      reader.close();
      owner.close();
    }
  });

  it('a crash after the old pack was moved aside and before the new one arrived restores the old one', async () => {
    const packsDir = path.join(work, 'packs-crash');
    const first = openLibrary({ bundledDatabasePath: bundled, packsDir });
    await first.install(v1, UNSIGNED_CONFIRMED);
    first.close();
    // The state an install of v2 leaves when the power goes mid-swap: old files moved aside,
    // the verified extraction still under its temporary name.
    renameSync(path.join(packsDir, 'semillas.sqlite'), path.join(packsDir, 'semillas.sqlite.replaced-0a1b2c'));
    renameSync(path.join(packsDir, 'semillas.json'), path.join(packsDir, 'semillas.json.replaced-0a1b2c'));
    writeFileSync(path.join(packsDir, '.incoming-123-abcdef.sqlite'), Buffer.alloc(8192, 1));

    const restarted = openLibrary({ bundledDatabasePath: bundled, packsDir });
    try {
      expect(listing(packsDir)).toEqual(['semillas.json', 'semillas.sqlite']);
      expect(restarted.list().find((archive) => archive.id === 'semillas')).toMatchObject({
        version: '1',
        documentCount: 2,
      });
      expect(restarted.problems).toEqual([]);
      // And the interrupted upgrade can simply be done again.
      await expect(restarted.install(v2, UNSIGNED_CONFIRMED)).resolves.toMatchObject({
        kind: 'upgraded',
        previousVersion: '1',
        archive: { documentCount: 1 },
      });
      expect(listing(packsDir)).toEqual(['semillas.json', 'semillas.sqlite']);
    } finally {
      restarted.close();
    }
  });

  it('a crash after the new pack arrived keeps the new one and drops the moved-aside old one', async () => {
    const packsDir = path.join(work, 'packs-crash-late');
    const first = openLibrary({ bundledDatabasePath: bundled, packsDir });
    await first.install(v2, UNSIGNED_CONFIRMED);
    first.close();
    writeFileSync(path.join(packsDir, 'semillas.sqlite.replaced-99ff'), Buffer.alloc(4096, 2));
    const restarted = openLibrary({ bundledDatabasePath: bundled, packsDir });
    try {
      expect(listing(packsDir)).toEqual(['semillas.json', 'semillas.sqlite']);
      expect(restarted.list().find((archive) => archive.id === 'semillas')?.version).toBe('2');
    } finally {
      restarted.close();
    }
  });
});
