import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PackError } from '../../../src-main/core/packs/pack-error';
import { startServer, type RunningServer } from '../../../src-main/serve/server';
import type { PackInstallOutcome } from '../../../src-main/common/library';
import { createFakeArchive } from './fake-archive';
import { rawHttp } from './raw-http';

/**
 * Slow and idle clients (loopback only; 127.0.0.2 plays the hostile device): each test is
 * bounded in connections and time, with limits made small so it runs in seconds.
 */
let workDir: string;
let server: RunningServer;
let port: number;
const installed: string[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'connection-limits-'));
  const staticDir = path.join(workDir, 'renderer');
  mkdirSync(staticDir);
  mkdirSync(path.join(workDir, 'incoming'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>UI</title>');
  server = await startServer({
    archive: createFakeArchive(),
    port: 0,
    staticDir,
    log: () => undefined,
    limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_000, uploadIdleMs: 600, maxConnectionsPerAddress: 32 },
    packs: {
      uploadDir: path.join(workDir, 'incoming'),
      install: (packPath): Promise<PackInstallOutcome> => {
        installed.push(readFileSync(packPath, 'utf8'));
        return Promise.reject(new PackError('not-a-pack', 'not a pack', packPath));
      },
      remove: () => Promise.resolve(),
    },
  });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

function connectIdle(localAddress: string): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      resolve(socket);
    });
    socket.once('close', () => {
      resolve(socket);
    });
  });
}

const status = (localAddress?: string) =>
  rawHttp({
    port,
    path: '/api/status',
    headers: [['Host', `127.0.0.1:${port}`]],
    timeoutMs: 2_000,
    ...(localAddress ? { localAddress } : {}),
  });

describe('connections', () => {
  it('answers a normal request while another device holds 300 idle connections', async () => {
    const idle = await Promise.all(Array.from({ length: 300 }, () => connectIdle('127.0.0.2')));
    try {
      // The cap keeps at most 32 of them; the server closes the rest at once. The client sees the
      // 268 closes as its event loop gets to them: on a loaded machine one was still unseen after
      // 2 s ("33 ≤ 32"), so it waits up to 10 s, leaving as soon as the count holds.
      const open = () => idle.filter((socket) => !socket.destroyed && socket.readyState === 'open').length;
      for (let waited = 0; waited < 10_000 && open() > 32; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(open()).toBeLessThanOrEqual(32);
      const started = performance.now();
      const response = await status();
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });

  it('drops a client that never finishes its headers (slowloris) after the headers timeout', async () => {
    const socket = await connectIdle('127.0.0.3');
    socket.write(`GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    const started = performance.now();
    const closed = new Promise<number>((resolve) =>
      socket.once('close', () => {
        resolve(performance.now() - started);
      }),
    );
    const trickle = setInterval(() => socket.write('X-A: b\r\n'), 200);
    try {
      const after = await closed;
      // headersTimeout 1 s, checked every second: closed within about 2 s, not Node's 60 s.
      expect(after).toBeLessThan(3_500);
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
  });
});

/** Sends an upload in `chunks` pieces, `pauseMs` apart; resolves with the status (0 when the server hung up). */
function upload(chunks: number, pauseMs: number): Promise<number> {
  const piece = 'x'.repeat(64);
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0));
    });
    socket.once('connect', () => {
      socket.write(
        [
          'POST /api/packs HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'X-Archive-Client: 1',
          `X-Archive-Token: ${server.ownerToken}`,
          'Content-Type: application/octet-stream',
          `Content-Length: ${chunks * piece.length}`,
          'Connection: close',
          '',
          '',
        ].join('\r\n'),
      );
      let sent = 0;
      const next = () => {
        if (socket.destroyed) return;
        socket.write(piece);
        sent += 1;
        if (sent < chunks) setTimeout(next, pauseMs);
      };
      next();
    });
  });
}

describe('pack uploads', () => {
  it('lets a slow honest upload run past the request timeout, and drops one that stalls', async () => {
    // 8 pieces 200 ms apart: 1.4 s in all, longer than the 1 s request timeout, never idle 600 ms.
    const honest = await upload(8, 200);
    expect(honest).toBe(422); // Received whole, then refused as not a pack by the (fake) install.
    expect(installed.at(-1)).toHaveLength(8 * 64);
    // 3 pieces 1 s apart: idle longer than 600 ms, dropped without an answer.
    const before = installed.length;
    expect(await upload(3, 1_000)).toBe(0);
    expect(installed.length).toBe(before);
  });

  it('drops a non-upload API request whose body does not arrive within the request timeout', async () => {
    const socket = await connectIdle('127.0.0.4');
    const started = performance.now();
    const closed = new Promise<number>((resolve) =>
      socket.once('close', () => {
        resolve(performance.now() - started);
      }),
    );
    socket.write(
      `POST /api/search HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"q`,
    );
    const after = await closed;
    expect(after).toBeGreaterThan(800);
    expect(after).toBeLessThan(2_500);
  });
});
