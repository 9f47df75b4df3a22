import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import os from 'node:os';
import { startServer, type RunningServer, type ServerPacks } from '../../../src-main/serve/server';
import { fetchFirstStatus } from '../../../src-renderer/api/owner-routes';
import { openSeedCorpusFixture, type SeedCorpusFixture } from './seed-corpus-fixture';

const ownerRoutesOf = async (base: string) => (await fetchFirstStatus(base)).routes;

/**
 * `/api/status` names the owner routes the asking page may use, so a page of a server shared
 * on a network never asks for notes or packs (each would be a 404 in a phone's console).
 */
let fixture: SeedCorpusFixture;
let server: RunningServer;
let lanServer: RunningServer;

const packs: ServerPacks = {
  install: () => Promise.reject(new Error('not used here')),
  remove: () => Promise.resolve(),
  uploadDir: os.tmpdir(),
};

beforeAll(async () => {
  fixture = await openSeedCorpusFixture('serve-owner-routes-');
  const { archive, service, staticDir } = fixture;
  const base = { archive, port: 0, staticDir, log: () => undefined, annotations: service, packs };
  server = await startServer(base);
  lanServer = await startServer({ ...base, host: '0.0.0.0' });
}, 120_000);

afterAll(async () => {
  await server.close();
  await lanServer.close();
  fixture.close();
});

/** The header as the server sends it, with or without this start's owner token. */
async function ownerRoutesHeader(base: string, token?: string): Promise<string | null> {
  const response = await fetch(new URL('api/status', base), { headers: token ? { 'X-Archive-Token': token } : {} });
  expect(await response.json()).toEqual({ state: 'ready' });
  return response.headers.get('X-Archive-Owner-Routes');
}

describe('the owner routes named by /api/status', () => {
  it("offers notes and packs to the owner's loopback session only", async () => {
    expect(await ownerRoutesHeader(server.url, server.ownerToken)).toBe('annotations, packs');
    // On loopback without the per-start token: neither would answer.
    expect(await ownerRoutesHeader(server.url)).toBe('');
    // Shared on a network the server holds no notes and no packs for anyone, token or not.
    expect(await ownerRoutesHeader(lanServer.url, lanServer.ownerToken)).toBe('');
  });

  it("is read by the page's client: a shared page learns it has none, an older server says nothing", async () => {
    expect(await ownerRoutesOf(lanServer.url)).toEqual(new Set());
    expect(await ownerRoutesOf(server.url)).toEqual(new Set());
    // An older server answers its status without the header: that is not taken to mean "none".
    const older = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"state":"ready"}');
    });
    await new Promise<void>((resolve) => older.listen(0, '127.0.0.1', resolve));
    const address = older.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    expect(await ownerRoutesOf(`http://127.0.0.1:${port}/`)).toBeNull();
    await new Promise((resolve) => older.close(resolve));
  });
});
