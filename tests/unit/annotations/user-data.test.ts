import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnnotation, getAnnotation, updateAnnotation } from '../../../src-main/core/annotations/annotations';
import { BACKUPS_KEPT } from '../../../src-main/core/userdata/backups';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { buildSeedArchive, clock, spanOf, type SeedArchive } from './seed-corpus';

let seeds: SeedArchive;
let dir: string;
const open: UserData[] = [];

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'userdata-test-'));
});
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openTracked(options: Parameters<typeof openUserData>[1] = {}): Promise<UserData> {
  const handle = await openUserData(dir, options);
  open.push(handle);
  return handle;
}

function highlight(userData: UserData, quote = 'vigilancia digital ilegal', note = ''): string {
  const { start, end } = spanOf(seeds.letter.text, quote);
  return createAnnotation(userData, seeds.archive, { documentId: seeds.letter.id, start, end, note }).id;
}

describe('openUserData', () => {
  it('creates user.sqlite in the user-data folder with WAL, synchronous=FULL and schema 2', async () => {
    const userData = await openTracked();
    expect(userData.file).toBe(path.join(dir, 'user.sqlite'));
    expect(userData.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(userData.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(userData.db.pragma('user_version', { simple: true })).toBe(2);
    expect(userData.recovered).toBeNull();
  });

  it('takes a verified backup at each start, keeps the newest 10, lists them newest first with dates', async () => {
    const now = clock();
    for (let start = 0; start < 12; start += 1) {
      const userData = await openUserData(dir, { now });
      highlight(userData, 'vigilancia digital ilegal', `arranque ${start}`);
      userData.close();
    }
    const userData = await openTracked({ now });
    const backups = userData.listBackups();
    expect(backups).toHaveLength(BACKUPS_KEPT);
    expect(backups[0]).toEqual(userData.startBackup);
    expect(backups.map((b) => b.createdAt)).toEqual([...backups.map((b) => b.createdAt)].sort().reverse());
    expect(backups[0]!.createdAt).toBe('2026-03-01T10:00:13.000Z');
    expect(backups[0]!.name).toBe('user-2026-03-01T10-00-13-000Z.sqlite');
    // The newest backup holds all 12 notes; each is a self-contained file that passes integrity_check.
    const copy = new Database(path.join(dir, 'backups', backups[0]!.name), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 12 });
    copy.close();
    expect(readdirSync(path.join(dir, 'backups')).filter((f) => !f.endsWith('.sqlite'))).toEqual([]);
  });

  it('removes a half-written backup left by a crash and never lists it', async () => {
    const now = clock();
    (await openUserData(dir, { now })).close();
    const stale = path.join(dir, 'backups', 'user-2026-03-01T09-00-00-000Z.sqlite.partial');
    writeFileSync(stale, 'cortado a la mitad');
    const userData = await openTracked({ now });
    expect(existsSync(stale)).toBe(false);
    expect(userData.listBackups().map((b) => b.name)).toEqual([
      userData.startBackup!.name,
      'user-2026-03-01T10-00-01-000Z.sqlite',
    ]);
  });

  it('moves a corrupt database aside, restores the newest good backup and says so', async () => {
    const now = clock();
    const first = await openUserData(dir, { now });
    const kept = highlight(first, 'vigilancia digital ilegal', 'antes del daño');
    first.close();
    const second = await openUserData(dir, { now }); // its start backup contains `kept`
    second.close();
    // Damage the file: overwrite the page after the header with garbage.
    const file = path.join(dir, 'user.sqlite');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 100, Math.min(bytes.length, 8192));
    writeFileSync(file, bytes);

    const recovered = await openTracked({ now });
    expect(recovered.recovered?.from).toBe(second.startBackup!.name);
    expect(recovered.recovered?.corruptFileKeptAt).toMatch(/user\.sqlite\.corrupt-2026-03-01T10-00-0\d-000Z$/);
    expect(readFileSync(recovered.recovered!.corruptFileKeptAt)).toEqual(bytes);
    expect(getAnnotation(recovered, kept)?.note).toBe('antes del daño');
    expect(recovered.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('skips a damaged newest backup and restores the newest GOOD one', async () => {
    const now = clock();
    const first = await openUserData(dir, { now });
    const id = highlight(first, 'vigilancia digital ilegal', 'sobrevive');
    first.close();
    const second = await openUserData(dir, { now }); // backup B2 (good)
    second.close();
    const third = await openUserData(dir, { now }); // backup B3 (will be damaged)
    third.close();
    writeFileSync(path.join(dir, 'backups', third.startBackup!.name), 'no es sqlite');
    writeFileSync(path.join(dir, 'user.sqlite'), 'tampoco');
    const recovered = await openTracked({ now });
    expect(recovered.recovered?.from).toBe(second.startBackup!.name);
    expect(getAnnotation(recovered, id)?.note).toBe('sobrevive');
    // The damaged backup is left where it was, for whoever wants to look at it.
    expect(readFileSync(path.join(dir, 'backups', third.startBackup!.name), 'utf8')).toBe('no es sqlite');
  });

  it('opens even when the start-up backup cannot be written, and says why', async () => {
    writeFileSync(path.join(dir, 'backups'), 'a file where the backups folder should be');
    const userData = await openTracked({ now: clock() });
    expect(userData.startBackup).toBeNull();
    expect(userData.backupError).toMatch(/EEXIST|ENOTDIR|not a directory|file already exists/);
    expect(getAnnotation(userData, highlight(userData))).not.toBeNull();
  });

  it('a file that is not a database and no backup: kept aside, fresh database, from: null', async () => {
    writeFileSync(
      path.join(dir, 'user.sqlite'),
      'Esto no es una base de datos SQLite, son notas sueltas.\n'.repeat(50),
    );
    const userData = await openTracked({ now: clock() });
    expect(userData.recovered).toEqual({
      from: null,
      corruptFileKeptAt: path.join(dir, 'user.sqlite.corrupt-2026-03-01T10-00-01-000Z'),
    });
    expect(readFileSync(userData.recovered!.corruptFileKeptAt, 'utf8')).toContain('notas sueltas');
    expect(userData.annotations.all()).toEqual([]);
  });

  it('refuses a database from a newer app version without moving it', async () => {
    const db = new Database(path.join(dir, 'user.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    await expect(openUserData(dir, { backup: false })).rejects.toThrow(/newer version of the app \(schema 99/);
    expect(readdirSync(dir)).toContain('user.sqlite');
    expect(readdirSync(dir).some((f) => f.includes('corrupt'))).toBe(false);
  });

  it('restoreBackup verifies, keeps the replaced database and reopens on the backup', async () => {
    const now = clock();
    const first = await openUserData(dir, { now });
    const early = highlight(first, 'vigilancia digital ilegal', 'primera versión');
    first.close();
    const second = await openUserData(dir, { now });
    const backupName = second.startBackup!.name;
    updateAnnotation(second, early, { note: 'versión posterior' });
    const restored = await second.restoreBackup(backupName);
    open.push(restored);
    expect(getAnnotation(restored, early)?.note).toBe('primera versión');
    const replaced = readdirSync(dir).filter(
      (f) => /^user\.sqlite\.replaced-/.test(f) && !f.endsWith('-wal') && !f.endsWith('-shm'),
    );
    expect(replaced).toHaveLength(1);
    const old = new Database(path.join(dir, replaced[0]!), { readonly: true });
    expect(old.prepare('SELECT note FROM annotations WHERE id = ?').get(early)).toEqual({ note: 'versión posterior' });
    old.close();
  });

  it('restoreBackup refuses names that are not backups and damaged backups, changing nothing', async () => {
    const userData = await openTracked({ now: clock() });
    const id = highlight(userData);
    await expect(userData.restoreBackup('../user.sqlite')).rejects.toThrow(
      '"../user.sqlite" is not the name of a user-data backup',
    );
    const name = userData.startBackup!.name;
    writeFileSync(path.join(dir, 'backups', name), 'dañado');
    await expect(userData.restoreBackup(name)).rejects.toThrow(new RegExp(`Backup ${name}`));
    expect(getAnnotation(userData, id)).not.toBeNull();
    expect(existsSync(userData.file)).toBe(true);
  });
});

describe('annotation input rules', () => {
  it('stores a multi-line note byte for byte, with tags, colour and the document hash', async () => {
    const userData = await openTracked({ backup: false });
    const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
    const note = 'Primera línea\r\n\n  segunda, con sangría\ty tabulador\nñandú 😀';
    const created = createAnnotation(userData, seeds.archive, {
      documentId: seeds.letter.id,
      start,
      end,
      note,
      tags: [' espionaje ', 'Citizen Lab', 'espionaje'],
      colour: 'pink',
    });
    userData.close();
    open.splice(0);
    const reopened = await openTracked({ backup: false });
    const stored = getAnnotation(reopened, created.id)!;
    expect(stored.note).toBe(note);
    expect(stored.tags).toEqual(['espionaje', 'Citizen Lab']);
    expect(stored).toMatchObject({
      colour: 'pink',
      motivation: 'commenting',
      documentSha256: seeds.letter.sha256,
      state: 'anchored',
    });
    expect(stored.target?.quote.exact).toBe('vigilancia digital ilegal');
  });

  it('rejects lone surrogates and oversized input with a message naming the field; nothing stored', async () => {
    const userData = await openTracked({ backup: false });
    const base = { documentId: seeds.letter.id, start: 0, end: 6 };
    expect(() => createAnnotation(userData, seeds.archive, { ...base, note: 'roto \uD83D aquí' })).toThrow(
      'note contains a broken character (an unpaired UTF-16 surrogate at position 5)',
    );
    expect(() => createAnnotation(userData, seeds.archive, { ...base, tags: ['bien', 'mal\uDC00'] })).toThrow(
      /^tags\[1\] contains a broken character/,
    );
    expect(() => createAnnotation(userData, seeds.archive, { ...base, note: 'x'.repeat(100_001) })).toThrow(
      'note is 100001 characters long; the limit is 100000',
    );
    expect(() =>
      createAnnotation(userData, seeds.archive, { ...base, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }),
    ).toThrow('tags has 51 tags; the limit is 50');
    expect(() => createAnnotation(userData, seeds.archive, { ...base, tags: ['a'.repeat(101)] })).toThrow(
      'tags[0] is 101 characters long; the limit is 100',
    );
    expect(() => createAnnotation(userData, seeds.archive, { ...base, colour: 'red' as never })).toThrow(
      /colour must be one of yellow, green, blue, pink, purple/,
    );
    expect(() => createAnnotation(userData, seeds.archive, { ...base, start: 0, end: 999_999 })).toThrow(
      `length ${seeds.letter.text.length}`,
    );
    expect(() => createAnnotation(userData, seeds.archive, { documentId: 'ffffffffffffffff' })).toThrow(
      'No document has the id "ffffffffffffffff"',
    );
    expect(() => updateAnnotation(userData, 'nada', { note: 'x' })).toThrow('No annotation has the id "nada"');
    expect(userData.annotations.all()).toEqual([]);
    // A well-formed astral character (a pair) is fine.
    expect(createAnnotation(userData, seeds.archive, { ...base, note: '😀' }).note).toBe('😀');
  });

  it('a document-level note has no selectors and sorts before highlights', async () => {
    const userData = await openTracked({ backup: false });
    highlight(userData, 'Citizen Lab');
    const whole = createAnnotation(userData, seeds.archive, {
      documentId: seeds.letter.id,
      note: 'Sobre toda la carta',
    });
    const listed = userData.annotations.forDocument(seeds.letter.id);
    expect(listed[0]?.id).toBe(whole.id);
    expect(listed[0]?.target).toBeNull();
    expect(listed[1]?.target?.quote.exact).toBe('Citizen Lab');
  });

  it('an edit gets a strictly later modified time, even within the same millisecond', async () => {
    const userData = await openTracked({ backup: false });
    const at = new Date('2026-03-01T12:00:00.000Z');
    const created = createAnnotation(userData, seeds.archive, { documentId: seeds.letter.id, note: 'a' }, at);
    const edited = updateAnnotation(userData, created.id, { note: 'b' }, at);
    expect(edited.modified).toBe('2026-03-01T12:00:00.001Z');
    expect(edited.created).toBe(created.created);
  });
});
