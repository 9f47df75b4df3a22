import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnnotation } from '../../../src-main/core/annotations/annotations';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { NotUserDataFolderError, wipeUserData } from '../../../src-main/core/userdata/wipe';
import { corpusCli } from '../../support/serve-process';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';

/** Issue 17: owner-only modes for the user's data, and the quick wipe. */

const posix = process.platform !== 'win32';
let seeds: SeedArchive;
let work: string;

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'private-data-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

/** Opens user data in `dir`, adds one note on the seed letter, takes a second backup, closes. */
async function notesWith(dir: string, note: string): Promise<void> {
  const userData = await openUserData(dir);
  const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
  createAnnotation(userData, seeds.archive, { documentId: seeds.letter.id, start, end, note, tags: ['pegasus'] });
  await userData.backupNow();
  userData.close();
}

describe.runIf(posix)('user data is owner-only on Linux and macOS', () => {
  it('creates the folder 0700, the database and its WAL files 0600, the backups folder 0700 and backups 0600', async () => {
    const dir = path.join(work, 'nuevo', 'archivo-offline');
    const userData = await openUserData(dir);
    const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
    createAnnotation(userData, seeds.archive, { documentId: seeds.letter.id, start, end, note: 'privada' });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'user.sqlite'))).toBe(0o600);
    // The WAL is written now (the note above), created by SQLite with the main file's mode.
    expect(modeOf(path.join(dir, 'user.sqlite-wal'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'user.sqlite-shm'))).toBe(0o600);
    const backups = path.join(dir, 'backups');
    expect(modeOf(backups)).toBe(0o700);
    const names = readdirSync(backups);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(modeOf(path.join(backups, name))).toBe(0o600);
    userData.close();
  });

  it('tightens a folder and database left readable by an earlier version', async () => {
    const dir = path.join(work, 'antiguo');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const old = new Database(path.join(dir, 'user.sqlite'));
    old.close();
    chmodSync(path.join(dir, 'user.sqlite'), 0o644);
    const userData = await openUserData(dir, { backup: false });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'user.sqlite'))).toBe(0o600);
    userData.close();
  });
});

describe('wipe', () => {
  it('removes the database, every backup and the folder, and names what it removed', async () => {
    const dir = path.join(work, 'datos');
    await notesWith(dir, 'Fuente protegida: no revelar');
    const backupCount = readdirSync(path.join(dir, 'backups')).length;
    expect(backupCount).toBeGreaterThanOrEqual(2);

    const report = wipeUserData(dir);
    expect(existsSync(dir)).toBe(false);
    expect(report.files).toContain('user.sqlite');
    expect(report.files.filter((file) => file.startsWith(`backups${path.sep}`))).toHaveLength(backupCount);
    expect(report.bytes).toBeGreaterThan(4096);
  });

  it('removes a planted symbolic link without touching the file it points to', async () => {
    const dir = path.join(work, 'datos');
    await notesWith(dir, 'nota');
    const outside = path.join(work, 'documento-ajeno.txt');
    writeFileSync(outside, 'texto de otra persona');
    symlinkSync(outside, path.join(dir, 'enlace'));
    const report = wipeUserData(dir);
    expect(report.files).toContain('enlace');
    expect(readFileSync(outside, 'utf8')).toBe('texto de otra persona');
  });

  it('refuses a folder that is not user data and leaves its files', () => {
    const dir = path.join(work, 'mis-documentos');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'tesis.md'), '# Capítulo 1');
    expect(() => wipeUserData(dir)).toThrow(NotUserDataFolderError);
    expect(readFileSync(path.join(dir, 'tesis.md'), 'utf8')).toBe('# Capítulo 1');
  });

  it('corpus wipe asks for confirmation: without a terminal and without --yes it refuses and keeps the notes', async () => {
    const dir = path.join(work, 'datos');
    await notesWith(dir, 'nota');
    const refused = corpusCli(['wipe', '--user-data', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    expect(existsSync(path.join(dir, 'user.sqlite'))).toBe(true);

    const wiped = corpusCli(['wipe', '--user-data', dir, '--yes', '--json']);
    expect(wiped.code).toBe(0);
    const report = JSON.parse(wiped.stdout) as { folder: string; files: string[] };
    expect(report.folder).toBe(dir);
    expect(report.files).toContain('user.sqlite');
    expect(existsSync(dir)).toBe(false);
  });
});
