import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import { createHostGuard, hostNameOf, isValidAllowedHost } from '../../../src-main/serve/host-guard';
import { createFakeArchive, FAKE_ASSET_ID, FAKE_DOCUMENT } from './fake-archive';
import { rawHttp } from './raw-http';

/** Every route of browser mode, as [method, path, body?]. */
const EVERY_ROUTE: [string, string, string?][] = [
  ['GET', '/'],
  ['GET', '/index.html'],
  ['GET', '/assets/app-1234.js'],
  ['GET', '/api/status'],
  ['GET', '/api/archives'],
  ['GET', '/api/corpus'],
  ['POST', '/api/search', JSON.stringify({ query: 'texto' })],
  ['GET', `/api/documents/${FAKE_DOCUMENT.id}`],
  ['GET', `/api/assets/${FAKE_ASSET_ID}`],
  ['GET', '/api/packs'],
  ['POST', '/api/annotations/listBackups', '[]'],
  ['GET', '/?token=whatever'],
];

let workDir: string;
let staticDir: string;
let loopback: RunningServer;
let shared: RunningServer;
let sharedWithName: RunningServer;
const archive = createFakeArchive();

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'host-guard-'));
  staticDir = path.join(workDir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>UI</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  const base = { archive, port: 0, staticDir, log: () => undefined };
  loopback = await startServer(base);
  shared = await startServer({ ...base, host: '0.0.0.0' });
  sharedWithName = await startServer({ ...base, host: '0.0.0.0', allowedHosts: ['archivo.lan'] });
});

afterAll(async () => {
  await Promise.all([loopback.close(), shared.close(), sharedWithName.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

const portOf = (server: RunningServer) => Number(new URL(server.url).port);

function send(server: RunningServer, route: [string, string, string?], hosts: string[]) {
  const [method, target, body] = route;
  return rawHttp({
    port: portOf(server),
    method,
    path: target,
    headers: [...hosts.map((host): [string, string] => ['Host', host]), ['Content-Type', 'application/json']],
    ...(body !== undefined ? { body } : {}),
  });
}

describe('host names', () => {
  it('parses a Host header into its name, and refuses what is not one host', () => {
    expect(hostNameOf('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostNameOf('[::1]:8080')).toBe('::1');
    expect(hostNameOf('LocalHost.')).toBe('localhost');
    expect(hostNameOf('127.0.0.1:8080, evil.example:8080')).toBeNull();
    expect(hostNameOf('evil.example:80:80')).toBeNull();
    expect(hostNameOf('')).toBeNull();
  });

  it('accepts on loopback only localhost, 127.x.y.z and [::1]', () => {
    const guard = createHostGuard({ loopbackSession: true, allowedHosts: ['archivo.lan'] });
    for (const host of ['localhost:8080', '127.0.0.1:8080', '127.1.2.3', '[::1]:8080']) expect(guard(host)).toBe(true);
    for (const host of [
      'evil.example:8080',
      '192.168.1.5:8080',
      'archivo.lan:8080',
      '127.0.0.1.evil.example',
      undefined,
    ])
      expect(guard(host)).toBe(false);
  });

  it('accepts in shared mode IP literals, localhost and the allowed names only', () => {
    const guard = createHostGuard({ loopbackSession: false, allowedHosts: ['Archivo.LAN'] });
    for (const host of ['192.168.1.5:8080', '[fe80::1]:8080', 'localhost', 'archivo.lan:8080', 'ARCHIVO.lan'])
      expect(guard(host)).toBe(true);
    for (const host of ['evil.example:8080', 'archivo.lan.evil.example', 'lan']) expect(guard(host)).toBe(false);
  });

  it('checks --allowed-host values', () => {
    expect(isValidAllowedHost('archivo.lan')).toBe(true);
    for (const bad of ['http://archivo.lan', 'archivo.lan:8080', '*.lan', 'archivo.lan/x', '']) {
      expect(isValidAllowedHost(bad)).toBe(false);
    }
  });
});

describe('DNS rebinding: the loopback session', () => {
  it.each(EVERY_ROUTE)('refuses %s %s for Host: evil.example with nothing of the archive', async (...route) => {
    const response = await send(loopback, route, [`evil.example:${portOf(loopback)}`]);
    expect(response.status).toBe(403);
    expect(response.body).toContain('host name');
    expect(response.body).not.toContain('Carta');
    expect(response.body).not.toContain('<title>');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a duplicate Host header, whichever comes first', async () => {
    const own = `127.0.0.1:${portOf(loopback)}`;
    const evil = `evil.example:${portOf(loopback)}`;
    for (const hosts of [
      [own, evil],
      [evil, own],
      [own, own],
    ]) {
      const response = await send(loopback, ['GET', '/api/status'], hosts);
      expect(response.status).toBe(403);
    }
  });

  it('answers its own names', async () => {
    for (const host of [`127.0.0.1:${portOf(loopback)}`, `localhost:${portOf(loopback)}`]) {
      const response = await send(loopback, ['GET', '/api/status'], [host]);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ state: 'ready' });
    }
  });
});

describe('shared mode', () => {
  it('answers an IP literal but a mapped name only when it was allowed', async () => {
    const route: [string, string] = ['GET', '/api/status'];
    expect((await send(shared, route, [`192.168.1.5:${portOf(shared)}`])).status).toBe(200);
    expect((await send(shared, route, [`archivo.lan:${portOf(shared)}`])).status).toBe(403);
    expect((await send(sharedWithName, route, [`archivo.lan:${portOf(sharedWithName)}`])).status).toBe(200);
    expect((await send(sharedWithName, route, [`evil.example:${portOf(sharedWithName)}`])).status).toBe(403);
  });
});
