import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArchiveRequestError, createHttpArchiveApi } from '../../../src-renderer/api/http-client';
import { timeoutSignal } from '../../../src-renderer/offline/request-timeout';
import { httpRouteTable } from '../../../src-main/common/http-routes';

/**
 * A hotspot that drops mid-request: the server (here, a loopback one that stops talking) never
 * answers, or stops halfway through a body. The page's requests must end as `unreachable`
 * within their bound, which is what turns the tab to "offline", instead of hanging.
 */
let server: http.Server;
let base = '';
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((request, response) => {
    open.add(response);
    if (request.url === '/api/status') return; // Never answers at all.
    if (request.url?.startsWith('/api/annotations/')) {
      // A busy laptop: every notes call is answered, after twice the quick bound.
      setTimeout(() => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ answered: request.url }));
      }, 2 * BOUND_MS);
      return;
    }
    // Starts a document, then goes silent.
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"id":"2ad3c5546b30aa8b","title":"Tras sismos');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const response of open) response.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const BOUND_MS = 300;
const SLOW_BOUND_MS = 10 * BOUND_MS;
const api = () =>
  createHttpArchiveApi(base, httpRouteTable(), {
    requestSignal: (pace) => timeoutSignal(pace === 'slow' ? SLOW_BOUND_MS : BOUND_MS),
  });

async function failure(run: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('the request settled although the server never finished its answer');
}

describe('requests to a server that stopped answering', () => {
  it('a request with no answer at all ends as unreachable within its bound', async () => {
    const { error, ms } = await failure(() => api().status());
    expect(error).toBeInstanceOf(ArchiveRequestError);
    expect(error).toMatchObject({ name: 'Unavailable', code: 'unreachable' });
    expect(ms).toBeGreaterThanOrEqual(BOUND_MS - 20);
    expect(ms).toBeLessThan(BOUND_MS + 3000);
  });

  it('a body that stops halfway ends as unreachable too', async () => {
    const { error } = await failure(() => api().getDocument('2ad3c5546b30aa8b'));
    expect(error).toMatchObject({ name: 'Unavailable', code: 'unreachable' });
  });
});

describe('a call the method table marks slow', () => {
  it('a sealed export is waited for past the quick bound; a quick notes call is not', async () => {
    const notes = api().annotations;
    if (!notes) throw new Error('the client offers no notes calls');
    const exported = await notes.exportAnnotations('jsonld', {}, undefined, 'una frase larga de paso');
    expect(exported).toEqual({ answered: '/api/annotations/exportAnnotations' });
    const { error } = await failure(() => notes.listAnnotations('2ad3c5546b30aa8b'));
    expect(error).toMatchObject({ name: 'Unavailable', code: 'unreachable' });
  });

  it('exactly the calls that derive a key or copy every note are slow', () => {
    const slow = Object.entries(httpRouteTable())
      .filter(([, route]) => route.slow)
      .map(([name]) => name);
    expect(slow).toEqual([
      'exportAnnotations',
      'importAnnotations',
      'restoreBackup',
      'unlockUserData',
      'setUserDataEncryption',
    ]);
  });
});

describe('timeoutSignal', () => {
  it('aborts with a TimeoutError where AbortSignal.timeout is missing', () => {
    vi.useFakeTimers();
    const original = Object.getOwnPropertyDescriptor(AbortSignal, 'timeout');
    Reflect.deleteProperty(AbortSignal, 'timeout');
    try {
      const signal = timeoutSignal(8000);
      vi.advanceTimersByTime(7999);
      expect(signal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
    } finally {
      if (original) Object.defineProperty(AbortSignal, 'timeout', original);
      vi.useRealTimers();
    }
  });
});
