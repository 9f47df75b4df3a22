import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_CSP } from '../../../src-main/common/csp';
import { APP_START_URL, createAppProtocolHandler, isAppUrl, resolveAppPath } from '../../../src-main/main/app-protocol';

// A fake install: <tmp>/app/package.json and <tmp>/app/secret.txt sit OUTSIDE the renderer
// root <tmp>/app/dist/renderer, so any traversal that worked would find a real file.
let base: string;
let root: string;
const handler = () => createAppProtocolHandler(root, ELECTRON_CSP);
const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  root = path.join(base, 'app', 'dist', 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Archivo</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(base, 'app', 'package.json'), '{"name":"secret"}');
  writeFileSync(path.join(base, 'app', 'secret.txt'), 'secret');
  writeFileSync(path.join(base, 'app', 'dist', 'renderer-evil.txt'), 'sibling with a shared prefix');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves index.html at the start URL and at the root, with the Electron CSP', async () => {
    for (const url of [APP_START_URL, 'app://app/', 'app://app']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toContain('<title>Archivo</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("connect-src 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves bundled scripts and styles with their types', async () => {
    const js = await get('app://app/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await get('app://app/assets/index-abc.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://app/../../package.json',
    'app://app/%2e%2e/%2e%2e/package.json',
    'app://app/%2E%2E/%2E%2E/secret.txt',
    'app://app/..%2f..%2fpackage.json',
    'app://app/assets/..%2f..%2f..%2fsecret.txt',
    'app://app/..%5c..%5cpackage.json',
    'app://app/assets\\..\\..\\..\\secret.txt',
    'app://app//etc/passwd',
    `app://app/${encodeURIComponent(path.join(base ?? '/tmp', 'app', 'secret.txt'))}`,
    'app://app/C:/Windows/win.ini',
    'app://app/%00index.html',
    'app://app/%E0%A4%A',
    'app://app/../renderer-evil.txt',
    'app://app/assets',
    'app://app/missing.html',
    'app://other/index.html',
    'asset://app/index.html',
  ])('refuses %s with 404 and still sends the CSP', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('secret');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'none'");
  });

  it('refuses absolute paths before touching the disk', () => {
    const absolute = path.join(base, 'app', 'secret.txt');
    expect(resolveAppPath(root, `app://app/${encodeURIComponent(absolute)}`)).toBeNull();
    expect(resolveAppPath(root, 'app://app/%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://app/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(APP_START_URL, 'POST')).status).toBe(404);
    const head = await get(APP_START_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('recognises only app://app as the app origin', () => {
    expect(isAppUrl('app://app/index.html#doc/ff8ecd809083cd7f')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
