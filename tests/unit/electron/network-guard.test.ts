import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  createSessionGuard,
  guardAllSessions,
  isRequestAllowed,
  type GuardableSession,
} from '../../../src-main/main/network-guard';

type BeforeRequest = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

/**
 * A session that behaves like Electron's: `onBeforeRequest` keeps only the LAST listener
 * (a second call silently replaces the first), and the test can count the calls.
 */
function fakeSession() {
  let listener: BeforeRequest | null = null;
  const onBeforeRequest = vi.fn((l: BeforeRequest) => {
    listener = l;
  });
  let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  let checkHandler: ((...args: unknown[]) => boolean) | null = null;
  let deviceHandler: ((...args: unknown[]) => boolean) | null = null;
  const setSpellCheckerEnabled = vi.fn();
  const session = {
    webRequest: { onBeforeRequest },
    setSpellCheckerEnabled,
    setPermissionRequestHandler: vi.fn((h: typeof requestHandler) => {
      requestHandler = h;
    }),
    setPermissionCheckHandler: vi.fn((h: typeof checkHandler) => {
      checkHandler = h;
    }),
    setDevicePermissionHandler: vi.fn((h: typeof deviceHandler) => {
      deviceHandler = h;
    }),
  };
  return {
    session: session as unknown as GuardableSession & Session,
    onBeforeRequest,
    setSpellCheckerEnabled,
    /** What the installed listener decides for a URL (true = cancelled). */
    cancels(url: string): boolean {
      if (!listener) throw new Error('no onBeforeRequest listener installed');
      let cancelled: boolean | null = null;
      listener({ url }, (response) => {
        cancelled = response.cancel;
      });
      if (cancelled === null) throw new Error('listener did not answer');
      return cancelled;
    },
    permissionRequest(permission: string): boolean {
      let granted: boolean | null = null;
      requestHandler?.({}, permission, (g) => {
        granted = g;
      });
      if (granted === null) throw new Error('permission request handler did not answer');
      return granted;
    },
    permissionCheck: (permission: string) => checkHandler?.(null, permission, 'app://app', {}),
    devicePermission: () => deviceHandler?.({ deviceType: 'usb', origin: 'app://app' }),
  };
}

const BLOCKED = [
  'http://example.org/',
  'https://citizenlab.ca/2017/06/reckless-exploit-mexico-nso/',
  'ws://127.0.0.1:9229/inspector',
  'wss://example.org/socket',
  'ftp://example.org/file',
  'file:///etc/passwd',
  'chrome-extension://abcdefghijklmnop/background.js',
  'gopher://example.org/',
  'not a url',
];
const ALLOWED = [
  'app://app/index.html',
  `asset://${'a'.repeat(64)}`,
  'data:image/png;base64,iVBORw0KGgo=',
  'blob:app://app/6b1e7d1c-0000-4000-8000-000000000000',
  'devtools://devtools/bundled/devtools_app.html',
];

describe('request blocker', () => {
  it.each(BLOCKED)('cancels %s', (url) => {
    expect(isRequestAllowed(url)).toBe(false);
    const fake = fakeSession();
    createSessionGuard(() => undefined)(fake.session);
    expect(fake.cancels(url)).toBe(true);
  });

  it.each(ALLOWED)('lets %s through', (url) => {
    expect(isRequestAllowed(url)).toBe(true);
    const fake = fakeSession();
    createSessionGuard(() => undefined)(fake.session);
    expect(fake.cancels(url)).toBe(false);
  });

  it('reports each cancelled URL to the log', () => {
    const report = vi.fn();
    const fake = fakeSession();
    createSessionGuard(report)(fake.session);
    fake.cancels('https://example.org/tracker.gif');
    fake.cancels('app://app/index.html');
    expect(report).toHaveBeenCalledTimes(1);
    expect(report).toHaveBeenCalledWith('https://example.org/tracker.gif');
  });
});

describe('one guard per session', () => {
  it('installs exactly one onBeforeRequest listener on the default session and on each later session', () => {
    const app = new EventEmitter();
    const defaultSession = fakeSession();
    guardAllSessions(app, defaultSession.session, () => undefined);
    // Electron also announces the default session through 'session-created'.
    app.emit('session-created', defaultSession.session);
    const later = fakeSession();
    app.emit('session-created', later.session);
    app.emit('session-created', later.session);

    expect(defaultSession.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(later.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(later.cancels('https://example.org/')).toBe(true);
    expect(app.listenerCount('session-created')).toBe(1);
  });
});

describe('no second blocker anywhere', () => {
  /** Every TypeScript source of the app, as repo-relative paths. */
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return /\.tsx?$/.test(entry.name) ? [full] : [];
    });
  }

  it('onBeforeRequest and the permission handlers are installed only by network-guard.ts, once each', () => {
    const root = path.resolve(__dirname, '../../..');
    const calls = (pattern: RegExp) =>
      ['src-main', 'src-renderer'].flatMap((dir) =>
        sources(path.join(root, dir)).flatMap((file) => {
          const count = readFileSync(file, 'utf8').match(pattern)?.length ?? 0;
          return count ? [`${path.relative(root, file)} ×${count}`] : [];
        }),
      );
    // A listener added anywhere else would silently replace the guard on that session.
    expect(calls(/\.onBeforeRequest\(/g)).toEqual(['src-main/main/network-guard.ts ×1']);
    expect(calls(/\.setPermissionRequestHandler\(/g)).toEqual(['src-main/main/network-guard.ts ×1']);
    expect(calls(/\.setPermissionCheckHandler\(/g)).toEqual(['src-main/main/network-guard.ts ×1']);
  });
});

describe('spellcheck', () => {
  it('is switched off on every guarded session, once', () => {
    const app = new EventEmitter();
    const defaultSession = fakeSession();
    guardAllSessions(app, defaultSession.session, () => undefined);
    const later = fakeSession();
    app.emit('session-created', later.session);
    app.emit('session-created', defaultSession.session);
    expect(defaultSession.setSpellCheckerEnabled.mock.calls).toEqual([[false]]);
    expect(later.setSpellCheckerEnabled.mock.calls).toEqual([[false]]);
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'unknown'])(
    'denies the %s permission when requested and when checked',
    (permission) => {
      const fake = fakeSession();
      createSessionGuard(() => undefined)(fake.session);
      expect(fake.permissionRequest(permission)).toBe(false);
      expect(fake.permissionCheck(permission)).toBe(false);
    },
  );

  it('denies device access (USB, HID, serial)', () => {
    const fake = fakeSession();
    createSessionGuard(() => undefined)(fake.session);
    expect(fake.devicePermission()).toBe(false);
  });
});
