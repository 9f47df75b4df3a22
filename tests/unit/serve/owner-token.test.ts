import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { generateOwnerToken, tokensMatch } from '../../../src-main/serve/owner-token';
import { createFakeArchive } from './fake-archive';
import { rawHttp } from './raw-http';

let workDir: string;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'owner-token-'));
  const staticDir = path.join(workDir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>UI</title>');
  server = await startServer({ archive: createFakeArchive(), port: 0, staticDir, log: () => undefined });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

const get = (target: string, headers: [string, string][] = []) =>
  rawHttp({ port, path: target, headers: [['Host', `127.0.0.1:${port}`], ...headers] });

describe('the per-start owner token', () => {
  it('is new at every start, long and URL-safe', () => {
    const first = generateOwnerToken();
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(generateOwnerToken()).not.toBe(first);
    expect(server.ownerUrl).toBe(`${server.url}?token=${server.ownerToken}`);
  });

  it('compares tokens of any length without throwing', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
    expect(tokensMatch('abc', '')).toBe(false);
  });

  it('turns ?token= into an HttpOnly SameSite=Strict cookie and redirects to the same page without it', async () => {
    const response = await get(`/?token=${server.ownerToken}&lang=es`);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/?lang=es');
    expect(response.headers['set-cookie']).toBe(
      `archivo_owner_${port}=${server.ownerToken}; Path=/; HttpOnly; SameSite=Strict`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('sets no cookie for a wrong token, but still drops it from the address', async () => {
    const response = await get('/?token=guessed');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
