import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer, type RunningServer, type ServerLibrary } from '../../../src-main/serve/server';
import { redactPaths } from '../../../src-main/serve/redact-paths';
import { createRateLimitedLog } from '../../../src-main/serve/error-log';
import type { CorpusProblem } from '../../../src-main/common/library';
import { createFakeArchive } from './fake-archive';
import { rawHttp } from './raw-http';

let workDir: string;
let staticDir: string;
let loopback: RunningServer;
let shared: RunningServer;
let sharedBroken: RunningServer;
const logged: string[] = [];
const privateDir = path.join(os.homedir(), '.local', 'share', 'archivo-offline');
const problem: CorpusProblem = {
  code: 'truncated',
  path: path.join(privateDir, 'packs', 'fotomultas.sqlite'),
  message: `The database ${path.join(privateDir, 'packs', 'fotomultas.sqlite')} is cut short (expected 4096 more bytes).`,
};
const script = `console.log("${'archivo '.repeat(400)}")`;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'shared-privacy-'));
  staticDir = path.join(workDir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>UI</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), script);
  writeFileSync(path.join(staticDir, 'assets', 'app-1234.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(staticDir, 'assets', 'app-1234.js.gz'), gzipSync(script));
  writeFileSync(path.join(workDir, 'secret.txt'), 'top secret');
  mkdirSync(path.join(workDir, 'outside'));
  writeFileSync(path.join(workDir, 'outside', 'other.js'), 'secret()');
  symlinkSync(path.join(workDir, 'secret.txt'), path.join(staticDir, 'link.txt'));
  symlinkSync(path.join(workDir, 'outside'), path.join(staticDir, 'assets', 'linked'));
  const library: ServerLibrary = { list: () => [], problems: [problem] };
  const base = { archive: createFakeArchive(), port: 0, staticDir, log: (line: string) => logged.push(line) };
  loopback = await startServer({ ...base, library: { ...library, list: () => [] }, packs: fakePacks() });
  shared = await startServer({ ...base, host: '0.0.0.0', library, privatePaths: [privateDir] });
  sharedBroken = await startServer({
    ...base,
    host: '0.0.0.0',
    startupError: { state: 'error', message: `The archive could not be opened: ${problem.message}`, problem },
  });
});

function fakePacks() {
  return {
    uploadDir: os.tmpdir(),
    install: () => Promise.reject(new Error('unused')),
    remove: () => Promise.resolve(),
  };
}

afterAll(async () => {
  await Promise.all([loopback.close(), shared.close(), sharedBroken.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

const portOf = (server: RunningServer) => Number(new URL(server.url).port);
const get = (server: RunningServer, target: string, headers: [string, string][] = []) =>
  rawHttp({ port: portOf(server), path: target, headers: [['Host', `127.0.0.1:${portOf(server)}`], ...headers] });

describe('shared mode sends no private path', () => {
  it('names the broken pack by its base name only in /api/status', async () => {
    const response = await get(shared, '/api/status');
    expect(response.body).not.toContain(os.homedir());
    expect(response.body).not.toContain(privateDir);
    expect(JSON.parse(response.body)).toEqual({
      state: 'ready',
      problems: [
        {
          code: 'truncated',
          path: 'fotomultas.sqlite',
          message: 'The database fotomultas.sqlite is cut short (expected 4096 more bytes).',
        },
      ],
    });
  });

  it('words the start-up error with base names too', async () => {
    const body = (await get(sharedBroken, '/api/status')).body;
    expect(body).not.toContain(os.homedir());
    expect(JSON.parse(body)).toMatchObject({ state: 'error', problem: { path: 'fotomultas.sqlite' } });
  });

  it('keeps the full path for the owner on loopback', async () => {
    expect((await get(loopback, '/api/status')).body).toContain(problem.path);
  });

  it('turns any absolute path into its base name', () => {
    expect(redactPaths('open /home/ana/archivo/build/all.sqlite: no such file')).toBe('open all.sqlite: no such file');
    expect(redactPaths('C:\\Users\\ana\\AppData\\Roaming\\archivo-offline\\user.sqlite is locked')).toBe(
      'user.sqlite is locked',
    );
    expect(redactPaths('in /Users/Ana Pérez/Library/x.sqlite', ['/Users/Ana Pérez/Library'])).toBe('in x.sqlite');
  });
});

describe('the error log', () => {
  it('logs a failure without the query string, and at most 20 lines a minute', () => {
    const lines: string[] = [];
    const log = createRateLimitedLog((line) => lines.push(line));
    for (let i = 0; i < 50; i += 1) log(`error ${i}`);
    expect(lines).toHaveLength(20);
    expect(lines.at(-1)).toBe('error 19');
  });

  it('does not log a client that went away in the middle of its body', async () => {
    const before = logged.length;
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: portOf(shared) }, () => {
        socket.write(
          `POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logged.slice(before)).toEqual([]);
  });
});

describe('static files', () => {
  it('refuses symbolic links that lead out of the folder', async () => {
    expect((await get(shared, '/link.txt')).status).toBe(404);
    expect((await get(shared, '/assets/linked/other.js')).status).toBe(404);
  });

  it('sends the brotli copy to a browser that accepts it, gzip to one that only takes gzip, else the file', async () => {
    const br = await get(shared, '/assets/app-1234.js', [['Accept-Encoding', 'gzip, deflate, br']]);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('Accept-Encoding');
    const gz = await get(shared, '/assets/app-1234.js', [['Accept-Encoding', 'gzip']]);
    expect(gz.headers['content-encoding']).toBe('gzip');
    const refusesBr = await get(shared, '/assets/app-1234.js', [['Accept-Encoding', 'br;q=0, gzip']]);
    expect(refusesBr.headers['content-encoding']).toBe('gzip');
    const plain = await get(shared, '/assets/app-1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    expect(Number(br.headers['content-length'])).toBe(brotliCompressSync(script).length);
  });

  it('revalidates index.html with its ETag: 304 when unchanged', async () => {
    const first = await get(shared, '/');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(shared, '/', [['If-None-Match', etag]]);
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect((await get(shared, '/', [['If-None-Match', '"other"']])).status).toBe(200);
  });

  it('sends helmet-style headers on every response', async () => {
    const response = await get(shared, '/');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['origin-agent-cluster']).toBe('?1');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['permissions-policy']).toContain('camera=()');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('bad input answers 400 with a sentence', () => {
  it('refuses a pack id that is not valid percent-encoding', async () => {
    const response = await rawHttp({
      port: portOf(loopback),
      method: 'DELETE',
      path: '/api/packs/%E0%A4%A',
      headers: [
        ['Host', `127.0.0.1:${portOf(loopback)}`],
        ['X-Archive-Client', '1'],
        ['X-Archive-Token', loopback.ownerToken],
      ],
    });
    expect(response.status).toBe(400);
    expect((JSON.parse(response.body) as { message: string }).message).toBe(
      'Invalid request: the pack id in the address is not valid percent-encoding.',
    );
  });

  it.each(['2017-13-45', '2017-02-30', '2017-00'])('refuses the impossible date %s in from and to', async (date) => {
    for (const field of ['from', 'to']) {
      const response = await rawHttp({
        port: portOf(shared),
        method: 'POST',
        path: '/api/search',
        headers: [
          ['Host', `127.0.0.1:${portOf(shared)}`],
          ['Content-Type', 'application/json'],
        ],
        body: JSON.stringify({ query: 'x', filters: { [field]: date } }),
      });
      expect(response.status).toBe(400);
      expect((JSON.parse(response.body) as { message: string }).message).toContain(`filters.${field}`);
    }
  });

  it('accepts a real leap day', async () => {
    const response = await rawHttp({
      port: portOf(shared),
      method: 'POST',
      path: '/api/search',
      headers: [
        ['Host', `127.0.0.1:${portOf(shared)}`],
        ['Content-Type', 'application/json'],
      ],
      body: JSON.stringify({ query: 'x', filters: { from: '2016-02-29', to: '2017' } }),
    });
    expect(response.status).toBe(200);
  });
});
