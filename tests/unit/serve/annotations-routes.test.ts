import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import { httpRequest } from './raw-http';
import { openSeedCorpusFixture, type SeedCorpusFixture } from './seed-corpus-fixture';
import type { Archive } from '../../../src-main/core/store/archive';
import type { AnnotationService } from '../../../src-main/core/annotations/annotation-service';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { createHttpArchiveApi } from '../../../src-renderer/api/http-client';
import { httpRouteTable } from '../../../src-main/common/http-routes';
import type { AnnotationsApi } from '../../../src-main/common/api';
import type { DocumentRecord } from '../../../src-main/common/types';

/** Browser mode's annotation routes over the real seed corpus, through the renderer's own client. */
let fixture: SeedCorpusFixture | undefined;
let workDir: string;
let archive: Archive;
let service: AnnotationService;
let server: RunningServer;
let lanServer: RunningServer;
let api: AnnotationsApi;
let letter: DocumentRecord;

function post(
  base: string,
  target: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  // Every request carries this start's owner token unless the test passes its own (or an empty one).
  const withToken: Record<string, string> = Object.fromEntries(
    Object.entries({ 'X-Archive-Token': server.ownerToken, ...headers }).filter(([, value]) => value !== ''),
  );
  return httpRequest(base, { method: 'POST', path: target, headers: withToken, body });
}

beforeAll(async () => {
  fixture = await openSeedCorpusFixture('serve-notes-');
  ({ workDir, archive, service } = fixture);
  const { staticDir } = fixture;
  server = await startServer({ archive, port: 0, staticDir, log: () => undefined, annotations: service });
  lanServer = await startServer({
    archive,
    port: 0,
    host: '0.0.0.0',
    staticDir,
    log: () => undefined,
    annotations: service,
  });
  const client = createHttpArchiveApi(server.url, httpRouteTable(), { ownerToken: server.ownerToken });
  api = client.annotations!;
  const [hit] = (await client.search({ query: '', filters: { type: ['letter'] } })).hits;
  letter = (await client.getDocument(hit!.id))!;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await lanServer?.close();
  fixture?.close();
});

describe('annotation routes (loopback)', () => {
  it('creates a highlight on the seed letter, lists it and finds it by an accent-free word', async () => {
    const start = letter.text.indexOf('ha decidido de manera unánime');
    expect(start).toBeGreaterThan(0);
    const created = await api.createAnnotation({
      documentId: letter.id,
      start,
      end: start + 'ha decidido de manera unánime'.length,
      colour: 'green',
      note: 'Línea uno\nLínea dos',
      tags: ['ogp'],
    });
    expect(created.target?.quote.exact).toBe('ha decidido de manera unánime');
    expect(created.colour).toBe('green');
    const listed = await api.listAnnotations(letter.id);
    expect(listed.map((a) => a.id)).toEqual([created.id]);
    const found = await api.searchAnnotations({ query: 'unanime' });
    expect(found.map((a) => a.id)).toEqual([created.id]);
    expect(await api.countAnnotations([letter.id, '0123456789abcdef'])).toEqual({ [letter.id]: 1 });
  });

  it('updates, exports Markdown as downloadable content, deletes', async () => {
    const [first] = await api.listAnnotations(letter.id);
    const updated = await api.updateAnnotation(first!.id, { colour: 'pink', tags: ['ogp', 'carta'] });
    expect(updated.colour).toBe('pink');
    const exported = await api.exportAnnotations('markdown', { documentId: letter.id });
    expect(exported.kind).toBe('content');
    if (exported.kind !== 'content') return;
    expect(exported.content).toContain('> ha decidido de manera unánime');
    expect(exported.fileName).toMatch(/^anotaciones-\d{4}-\d{2}-\d{2}\.md$/);
    const jsonld = await api.exportAnnotations('jsonld', {});
    expect(await api.deleteAnnotation(first!.id)).toBe(true);
    expect(await api.listAnnotations(letter.id)).toEqual([]);
    if (jsonld.kind !== 'content') throw new Error('expected content');
    expect(await api.importAnnotations(jsonld.content)).toEqual({ added: 1, updated: 0, unchanged: 0, orphaned: 0 });
    expect((await api.listAnnotations(letter.id))[0]?.note).toBe('Línea uno\nLínea dos');
  });

  it('rejects bad arguments with a sentence naming the field', async () => {
    await expect(api.updateAnnotation('not-a-uuid', {})).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: expect.stringContaining('Invalid id'),
    });
    await expect(api.createAnnotation({ documentId: letter.id, start: 5 })).rejects.toMatchObject({
      name: 'InvalidArgument',
    });
    await expect(api.searchAnnotations({ colour: 'red' as never })).rejects.toMatchObject({
      message: expect.stringContaining('filter.colour'),
    });
    await expect(api.importAnnotations('{"nope": 1')).rejects.toMatchObject({ name: 'InvalidArgument' });
  });

  it('reports the user-data status and lists the start-up backup', async () => {
    expect(await api.userDataStatus()).toEqual({
      recovered: null,
      backupError: null,
      folder: path.join(workDir, 'user'),
      encrypted: false,
      locked: false,
      // Fresh plain notes: the page asks once whether to encrypt them (issue 17).
      askAboutEncryption: true,
    });
    const backups = await api.listBackups();
    expect(backups.length).toBeGreaterThanOrEqual(1);
    expect(backups[0]?.name).toMatch(/^user-.*\.sqlite$/);
  });

  it('refuses a write without the X-Archive-Client header', async () => {
    const response = await post(
      server.url,
      '/api/annotations/deleteAnnotation',
      JSON.stringify(['00000000-0000-4000-8000-000000000000']),
      { 'Content-Type': 'application/json' },
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).message).toContain('X-Archive-Client');
  });

  it('refuses notes without the per-start token, with a wrong one, and with the constant header alone', async () => {
    for (const token of ['', 'not-the-token', `${server.ownerToken}x`]) {
      const response = await post(server.url, '/api/annotations/listBackups', '[]', {
        'Content-Type': 'application/json',
        'X-Archive-Client': '1',
        'X-Archive-Token': token,
      });
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body).message).toContain('token');
    }
    const withCookie = await post(server.url, '/api/annotations/listBackups', '[]', {
      'Content-Type': 'application/json',
      'X-Archive-Client': '1',
      'X-Archive-Token': '',
      Cookie: `archivo_owner_${new URL(server.url).port}=${server.ownerToken}`,
    });
    expect(withCookie.status).toBe(200);
  });

  it('refuses a write whose body is not declared as JSON (a cross-site form post)', async () => {
    const [existing] = await api.listAnnotations(letter.id);
    const response = await post(server.url, '/api/annotations/deleteAnnotation', JSON.stringify([existing!.id]), {
      'Content-Type': 'text/plain',
      'X-Archive-Client': '1',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('application/json');
    expect(await api.listAnnotations(letter.id)).toHaveLength(1);
  });

  it('refuses CORS preflights and foreign origins, without any Access-Control header', async () => {
    const url = new URL(server.url);
    const preflight = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'OPTIONS',
          path: '/api/annotations/createAnnotation',
          headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
        },
        resolve,
      );
      request.on('error', reject);
      request.end();
    });
    expect(preflight.statusCode).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const foreign = await post(server.url, '/api/annotations/listBackups', '[]', {
      'Content-Type': 'application/json',
      'X-Archive-Client': '1',
      Origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    const rebound = await post(server.url, '/api/annotations/listBackups', '[]', {
      'Content-Type': 'application/json',
      'X-Archive-Client': '1',
      Host: `evil.example:${url.port}`,
    });
    expect(rebound.status).toBe(403);
  });
});

describe('annotation routes on a network-facing server', () => {
  it('offers no annotations at all when bound to 0.0.0.0, even if a service was passed', async () => {
    const port = new URL(lanServer.url).port;
    const response = await post(`http://127.0.0.1:${port}/`, '/api/annotations/searchAnnotations', '[{}]', {
      'Content-Type': 'application/json',
      'X-Archive-Client': '1',
    });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body).message).toContain('only on the computer');
  });
});
