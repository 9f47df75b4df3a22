import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { httpRequest } from './raw-http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { BROWSER_MODE_CSP } from '../../../src-main/common/csp';
import { createFakeArchive, FAKE_ASSET_ID, FAKE_DOCUMENT, FAKE_SCRIPT_ASSET_ID } from './fake-archive';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP so that paths like `/../x` reach the server unnormalised (fetch would clean them up). */
function rawRequest(
  base: string,
  method: string,
  target: string,
  body?: string,
  contentType = 'application/json',
): Promise<RawResponse> {
  const headers = body === undefined ? {} : { 'Content-Type': contentType };
  return httpRequest(base, { method, path: target, headers, body });
}

let server: RunningServer;
let staticDir: string;
let secretDir: string;
const archive = createFakeArchive();
const logged: string[] = [];

beforeAll(async () => {
  secretDir = mkdtempSync(path.join(os.tmpdir(), 'serve-test-'));
  staticDir = path.join(secretDir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>UI</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(path.join(staticDir, 'assets', 'app-1234.css'), 'body{}');
  writeFileSync(path.join(staticDir, '.env'), 'SECRET=1');
  writeFileSync(path.join(secretDir, 'secret.txt'), 'top secret');
  server = await startServer({ archive, port: 0, staticDir, log: (line) => logged.push(line) });
});

afterAll(async () => {
  await server.close();
  rmSync(secretDir, { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 by default and reports one URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.urls).toEqual([server.url]);
  });

  it('serves the UI with its content types and the strict security headers', async () => {
    const index = await rawRequest(server.url, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>UI</title>');
    expect(index.headers['content-security-policy']).toBe(BROWSER_MODE_CSP);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect((await rawRequest(server.url, 'GET', '/assets/app-1234.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await rawRequest(server.url, 'GET', '/assets/app-1234.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
  });

  it('puts the CSP on errors too', async () => {
    const missing = await rawRequest(server.url, 'GET', '/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(BROWSER_MODE_CSP);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '//etc/passwd',
    '/%2Fetc%2Fpasswd',
    'http://example.com/index.html',
    '/.env',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('answers 404 to the traversal attempt %s', async (target) => {
    const response = await rawRequest(server.url, 'GET', target);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('top secret');
    expect(response.body).not.toContain('SECRET=1');
  });

  it('answers status and corpus info', async () => {
    expect(JSON.parse((await rawRequest(server.url, 'GET', '/api/status')).body)).toEqual({ state: 'ready' });
    const info = await rawRequest(server.url, 'GET', '/api/corpus');
    expect(JSON.parse(info.body)).toMatchObject({ name: 'Fake', documentCount: 1 });
    expect(info.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('searches with a validated JSON body', async () => {
    const response = await rawRequest(
      server.url,
      'POST',
      '/api/search',
      JSON.stringify({ query: 'texto', filters: { type: ['letter'] }, limit: 5 }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).hits[0].id).toBe(FAKE_DOCUMENT.id);
    expect(archive.searches.at(-1)).toEqual({ query: 'texto', filters: { type: ['letter'] }, limit: 5 });
    // The search's own time, for the page's Resource Timing (bench/ui-latency.ts splits a keystroke with it).
    expect(response.headers['server-timing']).toMatch(/^app;dur=\d+\.\d$/);
  });

  it('sends the facets empty to a search that will not show them, and whole to the next that will', async () => {
    const rowsOnly = await rawRequest(
      server.url,
      'POST',
      '/api/search',
      JSON.stringify({ query: 'texto', facets: false }),
    );
    expect(rowsOnly.status).toBe(200);
    const lean = JSON.parse(rowsOnly.body);
    expect(lean.facets).toEqual({ type: [], category: [], tag: [], author: [], year: [] });
    // What the row draws, and the fields it does not draw sent empty (the fake letter has a place and an addressee).
    expect(lean.hits[0]).toEqual({
      id: FAKE_DOCUMENT.id,
      type: 'letter',
      title: 'Carta de prueba',
      date: '2017-05-23',
      authors: [],
      signatories: ['Artículo 19'],
      snippet: '<mark>Texto</mark> de prueba',
      place: null,
      addressee: null,
      category: null,
      tags: [],
      description: null,
      words: 0,
      score: 0,
      matches: 0,
    });
    expect(lean.total).toBe(1);
    // The kept answer of the same search is not the stripped one.
    const whole = await rawRequest(server.url, 'POST', '/api/search', JSON.stringify({ query: 'texto' }));
    const wholeAnswer = JSON.parse(whole.body);
    expect(wholeAnswer.facets.type).toEqual([{ value: 'letter', count: 1 }]);
    expect(wholeAnswer.hits[0]).toMatchObject({ place: 'Ciudad de México', addressee: 'Secretariado', words: 3 });
  });

  it('sends a JSON answer only the security headers that apply to it', async () => {
    const answer = await rawRequest(server.url, 'POST', '/api/search', JSON.stringify({ query: 'texto' }));
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(answer.headers['cache-control']).toBe('no-store');
    // Document-only policies (what a page may load, framing, features, referrers) would be bytes for nothing.
    for (const name of ['content-security-policy', 'x-frame-options', 'permissions-policy', 'referrer-policy'])
      expect(answer.headers[name]).toBeUndefined();
    const refused = await rawRequest(server.url, 'POST', '/api/search', JSON.stringify({ query: 'explode' }));
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(refused.headers['content-security-policy']).toBeUndefined();
  });

  it.each([
    [JSON.stringify({ query: 'x', facets: 'no' }), 'facets'],
    [JSON.stringify({ query: 'x', limit: 0 }), 'limit'],
    [JSON.stringify({ query: 'x', filters: { type: ['poem'] } }), 'filters.type.0'],
    [JSON.stringify({ query: 'x', filters: { from: '23/05/2017' } }), 'filters.from'],
    [JSON.stringify({ query: 'x', extra: 1 }), 'request'],
    [JSON.stringify({}), 'query'],
    ['{not json', 'not valid JSON'],
  ])('refuses the search body %s with 400 naming %s', async (body, field) => {
    const response = await rawRequest(server.url, 'POST', '/api/search', body);
    expect(response.status).toBe(400);
    const payload = JSON.parse(response.body);
    expect(payload.name).toBe('InvalidArgument');
    expect(payload.message).toContain(field);
  });

  it('refuses a search body that is not JSON', async () => {
    const response = await rawRequest(
      server.url,
      'POST',
      '/api/search',
      'query=x',
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('JSON');
  });

  it('passes the core InvalidArgument through as 400 and hides internal errors', async () => {
    const invalid = await rawRequest(server.url, 'POST', '/api/search', JSON.stringify({ query: 'explode' }));
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toEqual({ name: 'InvalidArgument', message: 'Invalid query: explode' });
    const crash = await rawRequest(server.url, 'POST', '/api/search', JSON.stringify({ query: 'crash' }));
    expect(crash.status).toBe(500);
    expect(crash.body).not.toContain('/secret/path');
    expect(logged.some((line) => line.includes('disk on fire'))).toBe(true);
  });

  it('searches with the request in the query string, each field JSON, naming a parameter that is not', async () => {
    const response = await rawRequest(server.url, 'GET', '/api/search?query=%22texto%22&limit=5&facets=false');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).hits[0].id).toBe(FAKE_DOCUMENT.id);
    expect(archive.searches.at(-1)).toEqual({ query: 'texto', limit: 5, facets: false });
    const notJson = await rawRequest(server.url, 'GET', '/api/search?query=texto');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).message).toBe('Invalid request: the parameter query is not JSON.');
    const unknown = await rawRequest(server.url, 'GET', '/api/search?query=%22texto%22&__proto__=%7B%7D');
    expect(unknown.status).toBe(400);
  });

  it('answers 405 with Allow for other methods', async () => {
    const putSearch = await rawRequest(server.url, 'PUT', '/api/search');
    expect(putSearch.status).toBe(405);
    expect(putSearch.headers.allow).toBe('GET, HEAD, POST');
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await rawRequest(server.url, method, '/api/status');
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
    }
    expect((await rawRequest(server.url, 'POST', '/index.html', '{}')).status).toBe(405);
  });

  it('returns documents by id, 404 for unknown ids and 400 for malformed ones', async () => {
    const found = await rawRequest(server.url, 'GET', `/api/documents/${FAKE_DOCUMENT.id}`);
    expect(JSON.parse(found.body).title).toBe('Carta de prueba');
    const unknown = await rawRequest(server.url, 'GET', '/api/documents/0123456789abcdef');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).name).toBe('NotFound');
    const malformed = await rawRequest(server.url, 'GET', '/api/documents/..%2f..%2fpackage.json');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).message).toContain('document id');
  });

  it('serves stored images with their type and never serves other types as themselves', async () => {
    const image = await rawRequest(server.url, 'GET', `/api/assets/${FAKE_ASSET_ID}`);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-security-policy']).toBe(BROWSER_MODE_CSP);
    const script = await rawRequest(server.url, 'GET', `/api/assets/${FAKE_SCRIPT_ASSET_ID}`);
    expect(script.headers['content-type']).toBe('application/octet-stream');
    expect((await rawRequest(server.url, 'GET', `/api/assets/${'c'.repeat(64)}`)).status).toBe(404);
    expect((await rawRequest(server.url, 'GET', '/api/assets/nothex')).status).toBe(400);
    expect((await rawRequest(server.url, 'GET', '/api/unknown')).status).toBe(404);
  });

  it('lists every address when sharing on all interfaces', async () => {
    const shared = await startServer({ archive, port: 0, host: '0.0.0.0', staticDir, log: () => undefined });
    try {
      expect(shared.urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const external = Object.values(os.networkInterfaces())
        .flat()
        .filter((entry) => entry && entry.family === 'IPv4' && !entry.internal);
      expect(shared.urls).toHaveLength(1 + external.length);
    } finally {
      await shared.close();
    }
  });
});
