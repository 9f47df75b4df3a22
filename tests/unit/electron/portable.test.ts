import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../src-main/common/types';
import { buildCorpus } from '../../../src-main/core/build/build';
import { ArchiveClient } from '../../../src-main/main/archive-client';
import {
  applyPortableMode,
  decidePortableMode,
  PORTABLE_DATA_FOLDER,
  portableFallbackMessage,
  type AppPathSetter,
  type PortableInputs,
} from '../../../src-main/main/portable';
import { bundleArchiveWorker } from './worker-bundle';

/**
 * Portable mode: the decision (pure, per platform), its application to Electron's paths,
 * and the real thing: the bundled archive worker writing the user's annotations on the
 * seed letter into the folder beside a fake executable, while HOME stays empty.
 */
const repo = path.resolve(__dirname, '../../..');
const seeds = path.resolve(repo, '../shared/corpus/seeds');

function inputs(overrides: Partial<PortableInputs> & { markers?: string[] }): PortableInputs & { asked: string[] } {
  const asked: string[] = [];
  const markers = new Set(overrides.markers ?? []);
  return {
    execPath: overrides.execPath ?? '/media/usb/Archivo/archivo-sin-conexion',
    platform: overrides.platform ?? 'linux',
    env: overrides.env ?? {},
    exists: (file) => {
      asked.push(file);
      return markers.has(file);
    },
    asked,
  };
}

describe('decidePortableMode', () => {
  it('Linux: a portable file beside the executable puts the data in Archivo-datos beside it', () => {
    const given = inputs({ markers: ['/media/usb/Archivo/portable'] });
    expect(decidePortableMode(given)).toEqual({
      portable: true,
      appFolder: '/media/usb/Archivo',
      dataFolder: '/media/usb/Archivo/Archivo-datos',
      reason: { kind: 'marker', file: '/media/usb/Archivo/portable' },
    });
    expect(given.asked).toEqual(['/media/usb/Archivo/portable']);
  });

  it('without the marker the app uses the normal per-user folder', () => {
    const given = inputs({ markers: ['/media/usb/portable', '/media/usb/Archivo/portable.txt'] });
    expect(decidePortableMode(given)).toEqual({ portable: false });
  });

  it('Linux AppImage: the marker is looked for beside the .AppImage file, not in its temporary mount', () => {
    const given = inputs({
      execPath: '/tmp/.mount_ArchivXYZ/archivo-sin-conexion',
      env: { APPIMAGE: '/media/usb/Archivo sin conexión-2026.1.AppImage' },
      markers: ['/media/usb/portable'],
    });
    expect(decidePortableMode(given)).toMatchObject({ portable: true, dataFolder: '/media/usb/Archivo-datos' });
    expect(given.asked).toEqual(['/media/usb/portable']);
  });

  it('macOS: the marker sits beside the .app bundle; one inside Contents/MacOS does not count', () => {
    const execPath = '/Volumes/ARCHIVO/Archivo sin conexión.app/Contents/MacOS/Archivo sin conexión';
    expect(
      decidePortableMode(inputs({ platform: 'darwin', execPath, markers: ['/Volumes/ARCHIVO/portable'] })),
    ).toMatchObject({
      portable: true,
      appFolder: '/Volumes/ARCHIVO',
      dataFolder: '/Volumes/ARCHIVO/Archivo-datos',
    });
    const inside = '/Volumes/ARCHIVO/Archivo sin conexión.app/Contents/MacOS/portable';
    expect(decidePortableMode(inputs({ platform: 'darwin', execPath, markers: [inside] }))).toEqual({
      portable: false,
    });
  });

  it('Windows: a marker beside the .exe, with Windows paths', () => {
    const decision = decidePortableMode(
      inputs({
        platform: 'win32',
        execPath: 'E:\\Archivo\\Archivo sin conexión.exe',
        markers: ['E:\\Archivo\\portable'],
      }),
    );
    expect(decision).toMatchObject({ portable: true, dataFolder: 'E:\\Archivo\\Archivo-datos' });
  });

  it('Windows portable target: PORTABLE_EXECUTABLE_DIR wins without a marker (the .exe runs from a temporary folder)', () => {
    const given = inputs({
      platform: 'win32',
      execPath: 'C:\\Users\\ana\\AppData\\Local\\Temp\\2abc\\Archivo sin conexión.exe',
      env: { PORTABLE_EXECUTABLE_DIR: 'F:\\' },
    });
    expect(decidePortableMode(given)).toEqual({
      portable: true,
      appFolder: 'F:\\',
      dataFolder: 'F:\\Archivo-datos',
      reason: { kind: 'windows-portable-target' },
    });
    expect(given.asked).toEqual([]);
  });
});

/** A stand-in for Electron's app paths: the normal folder under HOME until setPath moves it. */
function fakeApp(home: string): AppPathSetter & { getPath(name: string): string; set: Array<[string, string]> } {
  const paths = new Map<string, string>([['userData', path.join(home, '.config', 'Archivo sin conexión')]]);
  const set: Array<[string, string]> = [];
  return {
    set,
    setPath(name, value) {
      set.push([name, value]);
      paths.set(name, value);
    },
    getPath(name) {
      const value = paths.get(name);
      if (value === undefined) throw new Error(`no path ${name} in the fake app`);
      return value;
    },
  };
}

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(path.join(folder, entry)).isFile())
    .map((entry) => entry.split(path.sep).join('/'))
    .sort();
}

describe('applyPortableMode on real folders', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'portable-apply-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('sets userData, sessionData and crashDumps inside the folder beside the executable, leaving nothing else there', () => {
    const stick = path.join(work, 'stick');
    mkdirSync(stick);
    writeFileSync(path.join(stick, 'portable'), '');
    const app = fakeApp(path.join(work, 'home'));
    const outcome = applyPortableMode(app, {
      execPath: path.join(stick, 'archivo-sin-conexion'),
      platform: 'linux',
      env: {},
      exists: existsSync,
    });
    const data = path.join(stick, PORTABLE_DATA_FOLDER);
    expect(outcome).toEqual({ mode: 'portable', dataFolder: data });
    expect(app.set).toEqual([
      ['userData', data],
      ['sessionData', data],
      ['crashDumps', path.join(data, 'Crashpad')],
    ]);
    // The write probe cleaned up after itself.
    expect(readdirSync(data)).toEqual([]);
  });

  it('falls back to the normal folder, touching no path, when the folder beside the app cannot be written', () => {
    const stick = path.join(work, 'blocked');
    mkdirSync(stick);
    writeFileSync(path.join(stick, 'portable'), '');
    // A file where the data folder should be: as unwritable as a read-only stick, even for root.
    writeFileSync(path.join(stick, PORTABLE_DATA_FOLDER), 'not a folder');
    const app = fakeApp(path.join(work, 'home'));
    const outcome = applyPortableMode(app, {
      execPath: path.join(stick, 'archivo-sin-conexion'),
      platform: 'linux',
      env: {},
      exists: existsSync,
    });
    expect(outcome).toMatchObject({ mode: 'fallback', dataFolder: path.join(stick, PORTABLE_DATA_FOLDER) });
    expect(outcome.mode === 'fallback' && outcome.problem).toMatch(/EEXIST|ENOTDIR/);
    expect(app.set).toEqual([]);
    if (outcome.mode !== 'fallback') throw new Error('expected a fallback');
    const message = portableFallbackMessage(outcome, app.getPath('userData'));
    expect(message.detail).toContain(path.join(stick, PORTABLE_DATA_FOLDER));
    expect(message.detail).toContain(path.join(work, 'home', '.config', 'Archivo sin conexión'));
    expect(message.message).toContain('not writable');
  });

  it('a read-only probe answer (as on a locked stick) also falls back', () => {
    const stick = path.join(work, 'readonly');
    mkdirSync(stick);
    writeFileSync(path.join(stick, 'portable'), '');
    const app = fakeApp(path.join(work, 'home'));
    const outcome = applyPortableMode(
      app,
      { execPath: path.join(stick, 'archivo-sin-conexion'), platform: 'linux', env: {}, exists: existsSync },
      () => 'EROFS: read-only file system',
    );
    expect(outcome).toEqual({
      mode: 'fallback',
      dataFolder: path.join(stick, PORTABLE_DATA_FOLDER),
      problem: 'EROFS: read-only file system',
    });
    expect(app.set).toEqual([]);
  });
});

describe('portable mode with the real archive worker (bundled as shipped)', () => {
  let work: string;
  let bundleDir: string;
  let stick: string;
  let home: string;
  let client: ArchiveClient | undefined;
  const savedEnv = {
    HOME: process.env.HOME,
    XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME,
    XDG_DATA_HOME: process.env.XDG_DATA_HOME,
  };

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'portable-worker-'));
    bundleDir = (await bundleArchiveWorker('portable-worker')).dir;
    // The layout of an unpacked Linux app copied onto a stick, plus the marker.
    stick = path.join(work, 'stick');
    mkdirSync(path.join(stick, 'resources', 'corpus'), { recursive: true });
    writeFileSync(path.join(stick, 'archivo-sin-conexion'), '#!/bin/sh\n');
    writeFileSync(path.join(stick, 'portable'), '');
    const summary = await buildCorpus({
      inputs: [seeds],
      out: path.join(stick, 'resources', 'corpus', 'corpus.sqlite'),
      name: 'Semillas',
    });
    expect(summary.documents).toBe(2);
    home = path.join(work, 'home');
    mkdirSync(home);
    // Everything a per-user folder could be derived from points at the empty fake home.
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = path.join(home, '.config');
    process.env.XDG_DATA_HOME = path.join(home, '.local', 'share');
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
    rmSync(work, { recursive: true, force: true });
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  it('creates the user database (with its backup) beside the executable and nowhere else', async () => {
    const app = fakeApp(home);
    const normalUserData = app.getPath('userData');
    const outcome = applyPortableMode(app, {
      execPath: path.join(stick, 'archivo-sin-conexion'),
      platform: 'linux',
      env: {},
      exists: existsSync,
    });
    expect(outcome.mode).toBe('portable');

    // As main.ts does: the worker gets app.getPath('userData') after portable mode applied.
    const bundle = path.join(bundleDir, 'archive-worker.cjs');
    const workerData = {
      databasePath: path.join(stick, 'resources', 'corpus', 'corpus.sqlite'),
      userDataDir: app.getPath('userData'),
      packsDir: path.join(app.getPath('userData'), 'packs'),
    };
    client = new ArchiveClient(new Worker(bundle, { workerData }));
    const found = await client.call('search', {
      query: 'Ejecutivo Federal',
      filters: { type: ['letter'] },
    });
    const letter = (await client.call('getDocument', found.hits[0]!.id)) as DocumentRecord;
    const quote = 'concluir su participación';
    const start = letter.text.indexOf(quote);
    expect(start).toBeGreaterThan(0);
    const created = await client.call('createAnnotation', {
      documentId: letter.id,
      start,
      end: start + quote.length,
      colour: 'yellow',
      note: 'en la memoria USB',
    });
    expect(created.target?.quote.exact).toBe(quote);
    await client.close();
    client = undefined;

    const data = path.join(stick, PORTABLE_DATA_FOLDER);
    const beside = filesUnder(stick);
    expect(beside).toContain(`${PORTABLE_DATA_FOLDER}/user.sqlite`);
    expect(beside.some((file) => file.startsWith(`${PORTABLE_DATA_FOLDER}/backups/`))).toBe(true);
    // Nothing outside the data folder but what was there before.
    expect(beside.filter((file) => !file.startsWith(`${PORTABLE_DATA_FOLDER}/`))).toEqual([
      'archivo-sin-conexion',
      'portable',
      'resources/corpus/corpus.sqlite',
    ]);
    // The note really is in that file.
    const db = new Database(path.join(data, 'user.sqlite'), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
      const table = tables.map((t) => t.name).find((name) => /annotation/i.test(name));
      expect(table).toBeDefined();
      const dump = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
      expect(dump).toContain('en la memoria USB');
    } finally {
      db.close();
    }
    // The normal per-user folder and HOME stay untouched.
    expect(existsSync(normalUserData)).toBe(false);
    expect(readdirSync(home)).toEqual([]);
  }, 60_000);
});
