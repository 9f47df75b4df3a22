import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src-main/common/api';
import type { Annotation } from '../../../src-main/common/annotations';
import { createHttpArchiveApi, serverManagesPacks } from '../../../src-renderer/api/http-client';
import { httpRouteTable } from '../../../src-main/common/http-routes';
import { startServe, type ServeProcess } from '../../support/serve-process';
import { makePostPack, seedsNotedThenTruncated } from '../packs/helpers';

/**
 * `npm run serve` (the real CLI, spawned) on a corpus cut short with no pack installed: the page
 * gets the start-up error, yet the owner's loopback session can upload a pack (built from a real
 * gobiernofacil post); the status then turns ready naming the broken corpus, the pack is
 * searched, and the notes open. Until then user.sqlite is byte for byte as it was.
 */
const PUEBLA_POST = '2017-04-11-fotomultas-en-puebla.md';
const QUOTE = 'Secretariado Técnico Tripartita';

let work: string;
let truncated: string;
let userDir: string;
let notesBefore: Buffer;
let note: Annotation;
let packBytes: Buffer;
let server: ServeProcess | undefined;
let url: string;
let api: ArchiveApi;

const owner = (): Record<string, string> => ({
  'X-Archive-Client': '1',
  'X-Archive-Token': server?.token ?? '',
  'Content-Type': 'application/json',
});

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'serve-empty-library-'));
  // A note on the seed letter while the corpus was whole; then the corpus cut short.
  ({ truncated, userDir, note, notesBefore } = await seedsNotedThenTruncated(work, 'la instancia'));
  const packFile = await makePostPack(work, {
    post: PUEBLA_POST,
    id: 'puebla',
    name: 'Fotomultas',
    version: '2026.2',
    sourceFolder: 'pack-source',
  });
  packBytes = readFileSync(packFile);

  const staticDir = path.join(work, 'ui');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
  server = await startServe({ database: truncated, staticDir, userData: userDir });
  url = server.url;
  api = createHttpArchiveApi(url, httpRouteTable(), {
    packs: await serverManagesPacks(url, server.token),
    ownerToken: server.token,
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('browser mode with nothing openable (corpus truncated, no pack)', () => {
  it('shows the start-up error yet manages packs; reading and notes refused; user.sqlite untouched', async () => {
    expect(await api.status()).toMatchObject({ state: 'error', problem: { code: 'truncated', path: truncated } });
    expect(api.packs).toHaveProperty('installFile');
    expect(await api.listArchives()).toEqual([]);
    await expect(api.search({ query: 'fotomultas' })).rejects.toMatchObject({
      name: 'Unavailable',
      message: expect.stringContaining('cut short'),
    });
    const notes = await fetch(new URL('api/annotations/listAnnotations', url), {
      method: 'POST',
      headers: owner(),
      body: JSON.stringify([note.documentId]),
    });
    expect(notes.status).toBe(503);
    // A pack cut short is refused; still the start-up error.
    await expect(
      api.packs!.installFile(new File([new Uint8Array(packBytes.subarray(0, 4000))], 'puebla.archive')),
    ).rejects.toMatchObject({ name: 'PackRefused' });
    expect((await api.status()).state).toBe('error');
    expect(readdirSync(userDir).filter((name) => name !== 'packs' && name !== 'incoming-packs')).toEqual([
      'user.sqlite',
    ]);
    expect(readFileSync(path.join(userDir, 'user.sqlite')).equals(notesBefore)).toBe(true);
  });

  it('an uploaded pack makes the archive ready (naming the broken corpus), searchable, with the notes open', async () => {
    // Unsigned, and this installer pins no publisher: the user has confirmed it.
    const outcome = await api.packs!.installFile(new File([new Uint8Array(packBytes)], 'puebla.archive'), {
      allowUntrusted: true,
    });
    expect(outcome).toMatchObject({
      kind: 'installed',
      previousVersion: null,
      archive: { id: 'puebla', name: 'Fotomultas', documentCount: 1 },
    });
    expect(await api.status()).toMatchObject({ state: 'ready', problems: [{ code: 'truncated', path: truncated }] });
    expect((await api.listArchives()).map((archive) => `${archive.kind}:${archive.id}`)).toEqual(['pack:puebla']);
    const found = await api.search({ query: 'fotomultas' });
    expect(found.hits[0]?.id).toMatch(/^puebla~[0-9a-f]{16}$/);
    expect((await api.getDocument(found.hits[0]!.id))?.text).toContain('Puebla');
    expect((await api.corpusInfo()).name).toBe('Fotomultas');
    const listed = (await api.annotations!.listAnnotations(note.documentId)).map((item) => [
      item.id,
      item.note,
      item.target?.quote.exact,
    ]);
    expect(listed).toEqual([[note.id, 'la instancia', QUOTE]]);
    expect(server?.output()).toContain('is cut short');
  });
});
