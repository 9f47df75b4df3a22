import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { httpRequest } from './raw-http';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildCorpus } from '../../../src-main/core/build/build';
import { openLibrary, type Library } from '../../../src-main/core/packs/library';
import { writePack } from '../../../src-main/core/packs/index';
import { startServer, type RunningServer, type ServerPacks } from '../../../src-main/serve/server';
import { createHttpArchiveApi, serverManagesPacks } from '../../../src-renderer/api/http-client';
import { httpRouteTable } from '../../../src-main/common/http-routes';
import type { ArchiveApi } from '../../../src-main/common/api';

/**
 * Browser mode's pack routes over a real library (the bundled seeds) through the renderer's own
 * client: a pack built from one real gobiernofacil post is uploaded, searched, refused when
 * altered, removed; a server shared on a network offers none of it.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const POST = path.resolve(repoRoot, '../shared/corpus/gobiernofacil/_posts/2017-04-11-fotomultas-en-puebla.md');
let workDir: string;
let library: Library;
let server: RunningServer;
let lanServer: RunningServer;
let smallServer: RunningServer;
let api: ArchiveApi;
let packBytes: Buffer;
let uploadDir: string;

function request(
  base: string,
  method: string,
  target: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const owner = [server, smallServer].find((candidate) => candidate.url === base);
  const withToken = owner ? { 'X-Archive-Token': owner.ownerToken, ...headers } : headers;
  return httpRequest(base, { method, path: target, headers: withToken, body });
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'serve-packs-'));
  const staticDir = path.join(workDir, 'ui');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
  const seeds = path.join(workDir, 'seeds.sqlite');
  await buildCorpus({ inputs: [path.join(repoRoot, 'resources/corpus')], out: seeds, name: 'Semillas' });
  const source = path.join(workDir, 'pack-source', '_posts');
  mkdirSync(source, { recursive: true });
  copyFileSync(POST, path.join(source, path.basename(POST)));
  const packDatabase = path.join(workDir, 'puebla.sqlite');
  await buildCorpus({
    inputs: [path.join(workDir, 'pack-source')],
    out: packDatabase,
    name: 'Fotomultas',
    version: '2026.2',
  });
  const packFile = path.join(workDir, 'puebla.archive');
  await writePack({ databasePath: packDatabase, out: packFile, id: 'puebla' });
  packBytes = readFileSync(packFile);

  library = openLibrary({ bundledDatabasePath: seeds, packsDir: path.join(workDir, 'packs') });
  uploadDir = path.join(workDir, 'incoming');
  mkdirSync(uploadDir);
  const packs: ServerPacks = {
    install: (file, options) => library.install(file, options),
    remove: async (id) => {
      await library.remove(id);
    },
    uploadDir,
  };
  const base = { archive: library.archive, library, port: 0, staticDir, log: () => undefined };
  server = await startServer({ ...base, packs });
  lanServer = await startServer({ ...base, host: '0.0.0.0', packs });
  smallServer = await startServer({ ...base, packs: { ...packs, maxUploadBytes: 1024 } });
  api = createHttpArchiveApi(server.url, httpRouteTable(), {
    packs: await serverManagesPacks(server.url, server.ownerToken),
    ownerToken: server.ownerToken,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await lanServer?.close();
  await smallServer?.close();
  library?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('browser mode: archive packs', () => {
  it('lists the bundled corpus and offers pack management only on loopback', async () => {
    expect(
      (await api.listArchives()).map((archive) => [archive.id, archive.kind, archive.name, archive.documentCount]),
    ).toEqual([['bundled', 'bundled', 'Semillas', 2]]);
    expect(api.packs).toBeDefined();
    expect(await serverManagesPacks(server.url, server.ownerToken)).toBe(true);
    // Without the per-start token the page is offered no pack management.
    expect(await serverManagesPacks(server.url)).toBe(false);
    // Shared on a network: the list is readable, installing is not even offered.
    expect(await serverManagesPacks(lanServer.url)).toBe(false);
    expect(createHttpArchiveApi(lanServer.url, httpRouteTable(), { packs: false }).packs).toBeUndefined();
    const refused = await request(lanServer.url, 'POST', '/api/packs', packBytes, {
      'X-Archive-Client': '1',
      'Content-Type': 'application/octet-stream',
      Host: '127.0.0.1',
    });
    expect(refused.status).toBe(404);
    expect(
      (await createHttpArchiveApi(lanServer.url, httpRouteTable()).listArchives()).map((archive) => archive.id),
    ).toEqual(['bundled']);
  });

  it('refuses uploads without the app header, with the wrong type, or over the size limit, before reading them', async () => {
    const noHeader = await request(server.url, 'POST', '/api/packs', packBytes, {
      'Content-Type': 'application/octet-stream',
    });
    expect(noHeader.status).toBe(403);
    expect(JSON.parse(noHeader.body).message).toContain('X-Archive-Client');
    const asForm = await request(server.url, 'POST', '/api/packs', packBytes, {
      'X-Archive-Client': '1',
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(asForm.status).toBe(400);
    const tooBig = await request(smallServer.url, 'POST', '/api/packs', packBytes, {
      'X-Archive-Client': '1',
      'Content-Type': 'application/octet-stream',
    });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body).message).toMatch(/larger than/);
    const foreignOrigin = await request(server.url, 'POST', '/api/packs', packBytes, {
      'X-Archive-Client': '1',
      'Content-Type': 'application/octet-stream',
      Origin: 'http://evil.example',
    });
    expect(foreignOrigin.status).toBe(403);
    expect(readdirSync(path.join(workDir, 'packs')).filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(readdirSync(uploadDir)).toEqual([]);
  });

  it('installs an uploaded pack: listed, searched with the bundled corpus, its document opened by its library id', async () => {
    // Asked before the install: the kept answer must not outlive the change of archives.
    expect((await api.search({ query: 'fotomultas' })).facets.archive ?? []).not.toContainEqual({
      value: 'puebla',
      count: 1,
    });
    // Unsigned, and this installer pins no publisher: the user has confirmed it.
    const outcome = await api.packs!.installFile(new File([new Uint8Array(packBytes)], 'puebla.archive'), {
      allowUntrusted: true,
    });
    expect(outcome).toMatchObject({
      kind: 'installed',
      previousVersion: null,
      archive: { id: 'puebla', kind: 'pack', name: 'Fotomultas', version: '2026.2', documentCount: 1 },
    });
    expect((await api.listArchives()).map((archive) => archive.id)).toEqual(['bundled', 'puebla']);
    const found = await api.search({ query: 'fotomultas' });
    expect(found.hits[0]?.id).toMatch(/^puebla~[0-9a-f]{16}$/);
    expect(found.hits[0]?.title).toMatch(/[Ff]otomultas/);
    expect(found.facets.archive).toEqual([{ value: 'puebla', count: 1 }]);
    const record = await api.getDocument(found.hits[0]!.id);
    expect(record?.text).toContain('Puebla');
    const onlyBundled = await api.search({ query: '', filters: { archive: ['bundled'] } });
    expect(onlyBundled.total).toBe(2);
    // The temporary upload is gone whatever happened.
    expect(readdirSync(uploadDir)).toEqual([]);
    // The same version again: refused as already installed, with its code.
    await expect(
      api.packs!.installFile(new File([new Uint8Array(packBytes)], 'puebla.archive'), { allowUntrusted: true }),
    ).rejects.toMatchObject({ name: 'PackRefused', code: 'already-installed' });
  });

  it('refuses a copy with one byte flipped as tampered (422) and changes nothing', async () => {
    const altered = Buffer.from(packBytes);
    const at = Math.floor(altered.length * 0.6);
    altered[at] = (altered[at] ?? 0) ^ 0xff;
    const before = await api.listArchives();
    await expect(api.packs!.installFile(new File([new Uint8Array(altered)], 'puebla.archive'))).rejects.toMatchObject({
      name: 'PackRefused',
      code: 'tampered',
    });
    const raw = await request(server.url, 'POST', '/api/packs', altered, {
      'X-Archive-Client': '1',
      'Content-Type': 'application/octet-stream',
    });
    expect(raw.status).toBe(422);
    // Random bytes are not a pack at all.
    await expect(
      api.packs!.installFile(
        new File([new TextEncoder().encode('PK\u0003\u0004 not a tar at all'.repeat(40))], 'x.archive'),
      ),
    ).rejects.toMatchObject({ code: 'not-a-pack' });
    expect(await api.listArchives()).toEqual(before);
    expect(readdirSync(uploadDir)).toEqual([]);
  });

  it('removes a pack by id: its documents leave the results; bad ids and the bundled corpus are refused', async () => {
    const badId = await request(server.url, 'DELETE', '/api/packs/..%2Fetc', '', { 'X-Archive-Client': '1' });
    expect(badId.status).toBe(400);
    const bundled = await request(server.url, 'DELETE', '/api/packs/bundled', '', { 'X-Archive-Client': '1' });
    expect(bundled.status).toBe(400);
    await api.packs!.removeArchive('puebla');
    expect((await api.listArchives()).map((archive) => archive.id)).toEqual(['bundled']);
    expect((await api.search({ query: 'fotomultas' })).total).toBe(0);
    await expect(api.packs!.removeArchive('puebla')).rejects.toMatchObject({ name: 'NotFound' });
  });
});
