import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { buildCorpus } from '../../../src-main/core/build/build';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { createHttpArchiveApi, ArchiveRequestError } from '../../../src-renderer/api/http-client';
import { httpRouteTable } from '../../../src-main/common/http-routes';
import type { ArchiveApi } from '../../../src-main/common/api';

/**
 * The renderer's HTTP client against the real server over a real corpus (the bundled seeds
 * plus one gobiernofacil post with an image): both ends of browser mode's contract at once.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const sharedCorpus = path.resolve(repoRoot, '../shared/corpus');
let workDir: string;
let archive: Archive;
let server: RunningServer;
let api: ArchiveApi;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'serve-real-'));
  const staticDir = path.join(workDir, 'ui');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
  const out = path.join(workDir, 'corpus.sqlite');
  await buildCorpus({
    inputs: [
      path.join(repoRoot, 'resources/corpus'),
      path.join(sharedCorpus, 'gobiernofacil/_posts/2017-05-01-trabajo-infantil-en-mexico.md'),
    ],
    out,
    name: 'Prueba',
  });
  archive = openArchive(out);
  server = await startServer({ archive, port: 0, staticDir, log: () => undefined });
  api = createHttpArchiveApi(server.url, httpRouteTable());
});

afterAll(async () => {
  await server?.close();
  archive?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('browser mode over the real corpus', () => {
  it('reports ready and the corpus info', async () => {
    expect(await api.status()).toEqual({ state: 'ready' });
    const info = await api.corpusInfo();
    expect(info.name).toBe('Prueba');
    expect(info.documentCount).toBe(3);
  });

  it('finds both seed documents for espionaje, with marked snippets', async () => {
    const response = await api.search({ query: 'espionaje' });
    expect(response.hits.map((hit) => hit.type).sort()).toEqual(['article', 'letter']);
    for (const hit of response.hits) expect(hit.snippet).toMatch(/<mark>espionaje<\/mark>/i);
    expect(response.terms.length).toBeGreaterThan(0);
  });

  it('narrows by a type filter sent as JSON', async () => {
    const response = await api.search({ query: '', filters: { type: ['letter'] } });
    expect(response.total).toBe(1);
    expect(response.hits[0]?.date).toBe('2017-05-23');
    expect(response.hits[0]?.place).toBe('Ciudad de México');
  });

  it('returns the letter with its ten signatories and its footnote', async () => {
    const [hit] = (await api.search({ query: 'funcion publica', filters: { type: ['letter'] } })).hits;
    expect(hit).toBeDefined();
    const letter = await api.getDocument(hit!.id);
    expect(letter?.signatories).toHaveLength(10);
    expect(letter?.html).toContain('data-footnote-ref');
  });

  it('serves the post image under assetUrl with its type', async () => {
    const [hit] = (await api.search({ query: 'trabajo infantil', filters: { type: ['article'] } })).hits;
    const post = await api.getDocument(hit!.id);
    const assetId = /data-asset-id="([0-9a-f]{64})"/.exec(post?.html ?? '')?.[1];
    expect(assetId).toBeDefined();
    const url = api.assetUrl(assetId!);
    expect(url).toBe(`${server.url}api/assets/${assetId}`);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('resolves unknown documents to null and rejects bad input with a sentence', async () => {
    expect(await api.getDocument('0123456789abcdef')).toBeNull();
    await expect(api.getDocument('../../etc')).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: expect.stringContaining('document id'),
    });
    const error = await api.search({ query: 'x', limit: 0 }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ArchiveRequestError);
    expect((error as ArchiveRequestError).message).toContain('limit');
  });

  it('answers a malformed query with the literal-fallback notice, never an error', async () => {
    const response = await api.search({ query: 'title:' });
    expect(response.notice?.code).toBe('literal-fallback');
  });
});
