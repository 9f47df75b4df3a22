import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { corpusInProcess } from '../../support/corpus-in-process';
import { corpusCli, type CorpusCliResult } from '../../support/serve-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_SCHEMA_VERSION } from '../../../src-main/core/store/corpus-schema';
import { openLibrary } from '../../../src-main/core/packs/library';
import { listing, makeSeedsPack, SEEDS, tempDir, unpackOwnPack } from './helpers';

/** `corpus <args>` run in this process: what the commands print and return. */
function corpus(...args: string[]): Promise<CorpusCliResult> {
  return corpusInProcess(args);
}

/**
 * `corpus <args>` as a child process of the bundle, whose pack, verify and import code loads
 * lazily from chunks of its own: the first pack (exit 0) and the refused one (exit 1).
 */
function spawned(...args: string[]): CorpusCliResult {
  return corpusCli(args);
}

describe('corpus pack / verify', { timeout: 180_000 }, () => {
  let work: string;
  let pack: string;

  beforeAll(() => {
    work = tempDir('cli');
    pack = path.join(work, 'semillas.archive');
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('pack --json writes the pack and prints its manifest with the build summary', () => {
    const result = spawned(
      'pack',
      SEEDS,
      '--out',
      pack,
      '--name',
      'Archivo Semillas Ñandú',
      '--version',
      '2026.1',
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      manifest: Record<string, unknown>;
      documents: number;
      byType: Record<string, number>;
      warnings: unknown[];
    };
    expect(printed.documents).toBe(2);
    expect(printed.byType).toEqual({ article: 1, letter: 1, other: 0 });
    // The id is a slug of the name: accents dropped, lowercase, hyphens.
    expect(printed.manifest).toMatchObject({
      id: 'archivo-semillas-nandu',
      name: 'Archivo Semillas Ñandú',
      version: '2026.1',
      documentCount: 2,
      schemaVersion: CORPUS_SCHEMA_VERSION,
    });
    expect(existsSync(pack)).toBe(true);
    // Nothing left behind next to it (no staging folder or temp file).
    expect(listing(work)).toEqual(['semillas.archive']);
  });

  it('verify prints the manifest and, for an unsigned pack, CONFIRM (exit 0), or --json {ok, manifest}', async () => {
    const text = await corpus('verify', pack);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/id: +archivo-semillas-nandu/);
    expect(text.stdout).toMatch(/documents: +2/);
    expect(text.stdout.trim().split('\n').at(-1)).toBe(
      'CONFIRM: an installer with these publishers asks the user before installing it',
    );
    const json = await corpus('verify', pack, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      decision: 'confirm',
      manifest: { id: 'archivo-semillas-nandu', version: '2026.1' },
    });
  });

  it('verify --installed says when a pack would go back to an older version than the installed one', async () => {
    const packsDir = path.join(work, 'installed-packs');
    mkdirSync(path.join(work, 'newer'));
    const newer = await makeSeedsPack(path.join(work, 'newer'), 'archivo-semillas-nandu', { version: '2026.2' });
    const library = openLibrary({ bundledDatabasePath: null, packsDir, allowEmpty: true });
    try {
      expect((await library.install(newer, { allowUntrusted: true })).kind).toBe('installed');
    } finally {
      library.close();
    }
    const text = await corpus('verify', pack, '--installed', packsDir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/installed: +version 2026\.2, built \d{4}-/);
    expect(text.stdout).toContain(
      'OLDER: this is an older version than the one installed; the app refuses it unless the user explicitly chooses to go back to 2026.1',
    );
    const json = JSON.parse((await corpus('verify', pack, '--installed', packsDir, '--json')).stdout) as {
      installed: { version: string; older: boolean };
    };
    expect(json.installed).toMatchObject({ version: '2026.2', older: true });
    expect((await corpus('verify', newer, '--installed', packsDir)).stdout).not.toContain('OLDER');
  });

  it('verify refuses a damaged pack with its code (exit 1)', () => {
    const bytes = readFileSync(pack);
    const damaged = path.join(work, 'damaged.archive');
    const at = unpackOwnPack(pack).databaseEntry.offset + 4000;
    bytes[at] = (bytes[at] as number) ^ 0xff;
    writeFileSync(damaged, bytes);
    const text = spawned('verify', damaged);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^REFUSED \(tampered\): .*damaged\.archive/);
    const json = spawned('verify', damaged, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, code: 'tampered' });
    rmSync(damaged);
  });

  it('pack refuses bad options before building, and keeps an existing pack when nothing imports', async () => {
    const badVersion = await corpus('pack', SEEDS, '--out', path.join(work, 'x.archive'), '--version', '2026-beta');
    expect(badVersion.code).toBe(1);
    expect(badVersion.stderr).toContain('--version 2026-beta');
    const badId = await corpus('pack', SEEDS, '--out', path.join(work, 'x.archive'), '--id', 'bundled');
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('--id bundled');
    const badOut = await corpus('pack', SEEDS, '--out', path.join(work, 'x.zip'));
    expect(badOut.code).toBe(1);
    expect(badOut.stderr).toContain('must end in .archive');
    const folder = path.join(work, 'a-folder.archive');
    mkdirSync(folder);
    const folderOut = await corpus('pack', SEEDS, '--out', folder, '--json');
    expect(folderOut.code).toBe(1);
    expect(folderOut.stderr).toContain(`Cannot write pack ${folder}: it is a folder; give the pack's file name`);
    // Refused before the build: no summary was printed.
    expect(folderOut.stdout).toBe('');

    const empty = path.join(work, 'empty-folder');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'blank.txt'), '');
    const before = readFileSync(pack);
    const nothing = await corpus('pack', empty, '--out', pack, '--json');
    expect(nothing.code).toBe(2);
    expect(JSON.parse(nothing.stdout)).toMatchObject({ manifest: null, documents: 0 });
    expect(readFileSync(pack).equals(before)).toBe(true);
  });

  it('pack removes the work folder an interrupted pack left in the temporary folder, and its own', async () => {
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = path.join(tmpdir(), `archivo-pack-${String(ended)}-Zz9Yy8`);
    mkdirSync(abandoned);
    writeFileSync(path.join(abandoned, 'corpus.sqlite'), 'left by an interrupted pack');
    const result = await corpus('pack', SEEDS, '--out', path.join(work, 'limpio.archive'));
    expect(result.code).toBe(0);
    expect(existsSync(abandoned)).toBe(false);
    // Its own work folder (named by this process: the command ran in it) is gone too.
    const own = `archivo-pack-${String(process.pid)}-`;
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(own))).toEqual([]);
  });

  it('pack leaves its own pack file out when it writes into a folder it imports', async () => {
    const folder = path.join(work, 'pack-into-input');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'nota.md'), '# Nota\n\nUna nota sobre el espionaje.\n');
    const out = path.join(folder, 'notas.archive');
    for (const round of [1, 2]) {
      const result = await corpus('pack', folder, '--out', out, '--json');
      expect(result.code).toBe(0);
      const printed = JSON.parse(result.stdout) as { documents: number; warnings: Array<{ file: string }> };
      expect(printed.documents).toBe(1);
      // The second round finds the first round's pack in the folder and leaves it out by name.
      expect(printed.warnings).toEqual(
        round === 1
          ? []
          : [{ file: 'pack-into-input/notas.archive', message: 'left out: written by this build', code: 'excluded' }],
      );
    }
  });

  it('key new, pack --sign and verify --key: who signed it, and an altered pack refused by name', async () => {
    const passphrase = path.join(work, 'frase.txt');
    writeFileSync(passphrase, 'una frase de paso larga\n');
    const keyFile = path.join(work, 'editorial.key');
    const made = await corpus(
      'key',
      'new',
      '--key',
      keyFile,
      '--name',
      'Editorial Sonora',
      '--passphrase-file',
      passphrase,
      '--kdf-cost',
      'interactive',
      '--json',
    );
    expect(made.code).toBe(0);
    const key = JSON.parse(made.stdout) as { keyId: string; fingerprint: string; publicKeyFile: string };
    expect(key.publicKeyFile).toBe(path.join(work, 'editorial.pub'));
    expect(key.fingerprint).toMatch(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/);
    // A key is never replaced. (The throwaway cost: `key new` derives the key before it finds the file there.)
    expect(
      (await corpus('key', 'new', '--key', keyFile, '--passphrase-file', passphrase, '--kdf-cost', 'interactive'))
        .stderr,
    ).toContain('exists already');

    const signedPack = path.join(work, 'firmado.archive');
    const packed = await corpus(
      'pack',
      SEEDS,
      '--out',
      signedPack,
      '--version',
      '2026.3',
      '--sign',
      keyFile,
      '--passphrase-file',
      passphrase,
      '--json',
    );
    expect(packed.code).toBe(0);
    expect(JSON.parse(packed.stdout)).toMatchObject({ signature: `${signedPack}.minisig` });

    const verified = await corpus('verify', signedPack, '--key', key.publicKeyFile, '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      ok: true,
      decision: 'install',
      publisher: { signature: 'verified', name: 'Editorial Sonora', keyId: key.keyId, fingerprint: key.fingerprint },
      manifest: { version: '2026.3' },
    });
    const text = await corpus('verify', signedPack);
    expect(text.stdout).toMatch(/signature: +signed by a key that is not trusted here/);
    expect(text.stdout).toMatch(/CONFIRM: an installer with these publishers asks the user/);
    expect(text.stdout).toContain(key.fingerprint);

    const bytes = readFileSync(signedPack);
    bytes[700] = (bytes[700] ?? 0) ^ 1;
    writeFileSync(signedPack, bytes);
    const refused = await corpus('verify', signedPack, '--key', key.publicKeyFile);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^REFUSED \(tampered\): .*firmado\.archive was altered after it was signed/);
  });
});
