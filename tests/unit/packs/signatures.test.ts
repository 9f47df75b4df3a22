import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackInstallOutcome } from '../../../src-main/common/library';
import { openLibrary, type Library } from '../../../src-main/core/packs/library';
import { PackError } from '../../../src-main/core/packs/index';
import { keyFingerprint } from '../../../src-main/core/packs/fingerprint';
import { createRotationStatement } from '../../../src-main/core/packs/key-rotation';
import { keyIdHex } from '../../../src-main/core/packs/minisign';
import {
  buildSeedsDatabase,
  listing,
  makePublisher,
  makeSeedsPack,
  signOwnPack,
  stockMinisign,
  tempDir,
  writePublishersFile,
  type TestPublisher,
} from './helpers';

/**
 * Who made a pack, checked before anything is installed: the installer's pinned publishers
 * (publishers.json beside the bundled corpus) and its policy for everyone else.
 */
describe('signed packs', { timeout: 120_000 }, () => {
  let work: string;
  let bundled: string;
  let editorial: TestPublisher;
  let stranger: TestPublisher;
  /** Seeds pack "semillas" 2026.2, signed by the editorial. */
  let signed: string;
  let unsigned: string;
  let serial = 0;

  beforeAll(async () => {
    work = tempDir('signatures');
    editorial = await makePublisher(work, 'Editorial Sonora');
    stranger = await makePublisher(work, 'Alguien');
    const stick = path.join(work, 'stick');
    mkdirSync(stick);
    signed = await makeSeedsPack(stick, 'semillas', { name: 'Semillas', version: '2026.2' });
    await signOwnPack(signed, editorial);
    unsigned = await makeSeedsPack(work, 'sin-firma', { name: 'Sin firma', version: '1' });
    bundled = await buildSeedsDatabase(work, { name: 'Archivo semilla' });
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** A fresh installer: bundled seeds with this publishers.json (or none) beside them. */
  function installer(
    pinned: TestPublisher[] | null,
    policy: { unsignedPacks: 'refuse' | 'confirm'; unknownKeys: 'refuse' | 'confirm' } = {
      unsignedPacks: 'confirm',
      unknownKeys: 'confirm',
    },
  ): { library: Library; packsDir: string } {
    serial += 1;
    const dir = path.join(work, `installer-${serial}`);
    mkdirSync(dir);
    const database = path.join(dir, 'corpus.sqlite');
    copyFileSync(bundled, database);
    if (pinned) writePublishersFile(path.join(dir, 'publishers.json'), pinned, policy);
    const packsDir = path.join(dir, 'packs');
    return { library: openLibrary({ bundledDatabasePath: database, packsDir }), packsDir };
  }

  /** A copy of a file (and of its signature when there is one) into its own folder. */
  function copyPack(
    source: string,
    name: string,
    alter?: (pack: Buffer, signature: string) => [Buffer, string],
  ): string {
    const dir = path.join(work, `copy-${name}`);
    mkdirSync(dir);
    const out = path.join(dir, `${name}.archive`);
    let pack: Buffer = readFileSync(source);
    let signature = readFileSync(`${source}.minisig`, 'utf8');
    if (alter) [pack, signature] = alter(Buffer.from(pack), signature);
    writeFileSync(out, pack);
    writeFileSync(`${out}.minisig`, signature);
    return out;
  }

  async function refusal(library: Library, file: string): Promise<PackError> {
    const error = await library.install(file).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(PackError);
    return error as PackError;
  }

  it('installs a pack signed by a pinned publisher, and lists who signed it', async () => {
    const { library } = installer([editorial]);
    const outcome = await library.install(signed);
    expect(outcome.kind).toBe('installed');
    const listed = library.list().find((archive) => archive.id === 'semillas');
    expect(listed?.publisher).toEqual({
      signature: 'verified',
      name: 'Editorial Sonora',
      keyId: keyIdHex(editorial.secret.keyId),
      fingerprint: keyFingerprint(editorial.secret),
      trustedComment: expect.stringMatching(/\tpack:semillas\tversion:2026\.2\tbuilt:\d{4}-/) as unknown,
    });
    library.close();
    // Still known after a restart (kept with the installed manifest).
    const { library: again } = {
      library: openLibrary({ bundledDatabasePath: null, packsDir: path.join(work, `installer-${serial}`, 'packs') }),
    };
    expect(again.list()[0]?.publisher?.name).toBe('Editorial Sonora');
    again.close();
  });

  it('refuses one flipped byte anywhere in the pack, naming the file and saying it was altered', async () => {
    const { library, packsDir } = installer([editorial]);
    const size = readFileSync(signed).length;
    // A byte of the first tar header (outside what the manifest's SHA-256 covers), and one of the database.
    for (const offset of [100, Math.floor(size / 2)]) {
      const altered = copyPack(signed, `byte-${offset}`, (pack, signature) => {
        pack[offset] = (pack[offset] ?? 0) ^ 0x01;
        return [pack, signature];
      });
      const error = await refusal(library, altered);
      expect(error.code).toBe('tampered');
      expect(error.message).toContain(altered);
      expect(error.message).toMatch(/was altered after it was signed/);
      expect(listing(packsDir)).toEqual([]);
    }
    library.close();
  });

  it('refuses a flipped byte in the signature or in its trusted comment, naming the signature', async () => {
    const { library, packsDir } = installer([editorial]);
    const inSignature = copyPack(signed, 'firma-alterada', (pack, signature) => {
      const lines = signature.split('\n');
      const line = lines[1] ?? '';
      // A character in the middle of the base64 signature (not its "ED" + key id start).
      const at = 40;
      lines[1] = `${line.slice(0, at)}${line[at] === 'A' ? 'B' : 'A'}${line.slice(at + 1)}`;
      return [pack, lines.join('\n')];
    });
    const error = await refusal(library, inSignature);
    expect(error.code).toBe('tampered');
    expect(error.message).toMatch(
      /firma-alterada\.archive was altered after it was signed: .*firma-alterada\.archive\.minisig/,
    );

    const inComment = copyPack(signed, 'comentario', (pack, signature) => [
      pack,
      signature.replace('version:2026.2', 'version:2027.1'),
    ]);
    const commentError = await refusal(library, inComment);
    expect(commentError.code).toBe('tampered');
    expect(commentError.message).toMatch(/comentario\.archive\.minisig was altered: its trusted comment/);
    expect(listing(packsDir)).toEqual([]);
    library.close();
  });

  it('asks before an unsigned pack or an unknown key (showing its fingerprint) where the policy says confirm', async () => {
    const { library, packsDir } = installer([editorial]);
    const asked = await library.install(unsigned);
    expect(asked).toMatchObject({
      kind: 'confirm-publisher',
      offered: { id: 'sin-firma', version: '1' },
      publisher: { signature: 'unsigned', fingerprint: null },
    });
    expect(listing(packsDir)).toEqual([]);
    const confirmed = await library.install(unsigned, { allowUntrusted: true });
    expect(confirmed.kind).toBe('installed');

    const byStranger = copyPack(signed, 'ajeno', (pack) => [pack, '']);
    await signOwnPack(byStranger, stranger);
    const strangerAsked = (await library.install(byStranger)) as Extract<
      PackInstallOutcome,
      { kind: 'confirm-publisher' }
    >;
    expect(strangerAsked.kind).toBe('confirm-publisher');
    expect(strangerAsked.publisher).toMatchObject({
      signature: 'unknown-key',
      name: null,
      keyId: keyIdHex(stranger.secret.keyId),
      fingerprint: keyFingerprint(stranger.secret),
    });
    expect(library.list().map((archive) => archive.id)).toEqual(['bundled', 'sin-firma']);
    library.close();
  });

  it('refuses unsigned and unknown-key packs where the policy says refuse', async () => {
    const { library, packsDir } = installer([editorial], { unsignedPacks: 'refuse', unknownKeys: 'refuse' });
    const unsignedError = await refusal(library, unsigned);
    expect(unsignedError.code).toBe('untrusted-publisher');
    expect(unsignedError.message).toMatch(/sin-firma-1\.archive is not signed/);
    expect((await refusal(library, unsigned)).code).toBe('untrusted-publisher');

    const byStranger = copyPack(signed, 'ajeno-rechazado', (pack) => [pack, '']);
    await signOwnPack(byStranger, stranger);
    const strangerError = await refusal(library, byStranger);
    expect(strangerError.code).toBe('untrusted-publisher');
    expect(strangerError.message).toContain(keyFingerprint(stranger.secret));
    expect(listing(packsDir)).toEqual([]);
    library.close();
  });

  it('asks first, showing the fingerprint, for every pack when the installer pins no publisher', async () => {
    const { library, packsDir } = installer(null);
    expect(await library.install(unsigned)).toMatchObject({
      kind: 'confirm-publisher',
      publisher: { signature: 'unsigned', fingerprint: null },
    });
    const byStranger = copyPack(signed, 'ajeno-sin-editor', (pack) => [pack, '']);
    await signOwnPack(byStranger, stranger);
    expect(await library.install(byStranger)).toMatchObject({
      kind: 'confirm-publisher',
      publisher: { signature: 'unknown-key', fingerprint: keyFingerprint(stranger.secret) },
    });
    expect(listing(packsDir)).toEqual([]);
    const confirmed = await library.install(unsigned, { allowUntrusted: true });
    expect(confirmed).toMatchObject({ kind: 'installed', archive: { publisher: { signature: 'unsigned' } } });
    library.close();
  });

  it('refuses an older signed version of the same publisher and id unless the user chooses to go back', async () => {
    const { library } = installer([editorial]);
    expect((await library.install(signed)).kind).toBe('installed');
    const olderDir = path.join(work, 'older');
    mkdirSync(olderDir);
    const older = await makeSeedsPack(olderDir, 'semillas', { name: 'Semillas', version: '2026.1' });
    await signOwnPack(older, editorial);
    const asked = await library.install(older);
    expect(asked).toMatchObject({
      kind: 'confirm-downgrade',
      installed: { version: '2026.2' },
      offered: { version: '2026.1' },
    });
    expect(library.list().find((archive) => archive.id === 'semillas')?.version).toBe('2026.2');
    const back = await library.install(older, { allowDowngrade: true });
    expect(back).toMatchObject({ kind: 'downgraded', previousVersion: '2026.2' });
    library.close();
  });

  it('trusts a rotated key only with a statement signed by the pinned key', async () => {
    const successor = await makePublisher(work, 'Editorial Sonora nueva');
    const stick = path.join(work, 'stick-rotation');
    mkdirSync(stick);
    const pack = await makeSeedsPack(stick, 'semillas', { name: 'Semillas', version: '2026.3' });
    await signOwnPack(pack, successor);

    const { library, packsDir } = installer([editorial], { unsignedPacks: 'refuse', unknownKeys: 'refuse' });
    expect((await refusal(library, pack)).code).toBe('untrusted-publisher');

    // A statement by a key the installer does not trust vouches for nothing.
    writeFileSync(
      path.join(stick, 'falsa.rotation'),
      createRotationStatement(stranger.secret, successor.secret, 'Editorial Sonora', new Date()),
    );
    expect((await refusal(library, pack)).code).toBe('untrusted-publisher');

    writeFileSync(
      path.join(stick, 'editorial.rotation'),
      createRotationStatement(editorial.secret, successor.secret, 'Editorial Sonora', new Date()),
    );
    const outcome = await library.install(pack);
    expect(outcome).toMatchObject({
      kind: 'installed',
      archive: {
        publisher: { signature: 'verified', name: 'Editorial Sonora', fingerprint: keyFingerprint(successor.secret) },
      },
    });
    // Kept once accepted: the next pack signed by the new key needs no statement beside it.
    expect(listing(path.join(packsDir, 'key-rotations'))).toHaveLength(1);
    const nextDir = path.join(work, 'stick-next');
    mkdirSync(nextDir);
    const next = await makeSeedsPack(nextDir, 'semillas', { name: 'Semillas', version: '2026.4' });
    await signOwnPack(next, successor);
    expect((await library.install(next)).kind).toBe('upgraded');
    library.close();
  });

  it.skipIf(stockMinisign() === null)(
    'installs a pack signed with the stock minisign tool by a pinned key',
    async () => {
      const keyFile = path.join(work, 'stock.key');
      const pubFile = path.join(work, 'stock.pub');
      expect(spawnSync('minisign', ['-G', '-W', '-s', keyFile, '-p', pubFile]).status).toBe(0);
      const pack = copyPack(signed, 'stock', (bytes) => [bytes, '']);
      rmSync(`${pack}.minisig`);
      expect(spawnSync('minisign', ['-Sm', pack, '-s', keyFile, '-t', 'pack:semillas\tversion:2026.2']).status).toBe(0);
      const dir = path.join(work, 'stock-installer');
      mkdirSync(dir);
      copyFileSync(bundled, path.join(dir, 'corpus.sqlite'));
      writeFileSync(
        path.join(dir, 'publishers.json'),
        JSON.stringify({
          format: 'archivo-sin-conexion-publishers',
          formatVersion: 1,
          unsignedPacks: 'refuse',
          unknownKeys: 'refuse',
          publishers: [{ name: 'Biblioteca', publicKey: readFileSync(pubFile, 'utf8').split('\n')[1] }],
        }),
      );
      const library = openLibrary({
        bundledDatabasePath: path.join(dir, 'corpus.sqlite'),
        packsDir: path.join(dir, 'packs'),
      });
      const outcome = await library.install(pack);
      expect(outcome).toMatchObject({
        kind: 'installed',
        archive: { publisher: { signature: 'verified', name: 'Biblioteca' } },
      });
      library.close();
    },
  );

  it('refuses every install while the publishers file is damaged, naming it', async () => {
    const dir = path.join(work, 'damaged-installer');
    mkdirSync(dir);
    copyFileSync(bundled, path.join(dir, 'corpus.sqlite'));
    writeFileSync(path.join(dir, 'publishers.json'), '{"format": "archivo-sin-conexion-publishers"');
    const library = openLibrary({
      bundledDatabasePath: path.join(dir, 'corpus.sqlite'),
      packsDir: path.join(dir, 'packs'),
    });
    await expect(library.install(signed)).rejects.toThrow(/publishers\.json is not valid JSON/);
    library.close();
  });
});
