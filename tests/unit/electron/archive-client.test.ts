import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ArchiveClient } from '../../../src-main/main/archive-client';
import type { WorkerMessage, WorkerRequest } from '../../../src-main/main/archive-worker-protocol';

/** A worker that records requests and lets the test answer them. */
class FakeWorker extends EventEmitter {
  readonly requests: WorkerRequest[] = [];
  terminated = false;
  postMessage(message: WorkerRequest): void {
    this.requests.push(message);
  }
  async terminate(): Promise<number> {
    this.terminated = true;
    return 0;
  }
  send(message: WorkerMessage): void {
    this.emit('message', message);
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ArchiveClient', () => {
  it('reports loading at once, and holds calls until the archive is ready', async () => {
    const worker = new FakeWorker();
    const client = new ArchiveClient(worker);
    expect(client.status()).toEqual({ state: 'loading' });
    const pending = client.call('getDocument', 'ff8ecd809083cd7f');
    await flush();
    expect(worker.requests).toHaveLength(0);

    worker.send({ kind: 'status', status: { state: 'ready' } });
    expect(client.status()).toEqual({ state: 'ready' });
    await flush();
    expect(worker.requests).toEqual([{ id: 1, method: 'getDocument', args: ['ff8ecd809083cd7f'] }]);
    worker.send({ kind: 'result', id: 1, ok: true, value: null });
    expect(await pending).toBeNull();
  });

  it('matches replies to requests by id, whatever their order', async () => {
    const worker = new FakeWorker();
    const client = new ArchiveClient(worker);
    worker.send({ kind: 'status', status: { state: 'ready' } });
    const first = client.call('getDocument', 'ff8ecd809083cd7f');
    const second = client.call('getDocument', '3d21b2bec742277f');
    await flush();
    const [a, b] = worker.requests;
    worker.send({ kind: 'result', id: b!.id, ok: true, value: 'second' });
    worker.send({ kind: 'result', id: a!.id, ok: false, error: { name: 'NotFound', message: 'gone' } });
    expect(await second).toBe('second');
    await expect(first).rejects.toMatchObject({ name: 'NotFound', message: 'gone' });
  });

  it('after a failed open, reports the reason and rejects every call with Unavailable', async () => {
    const worker = new FakeWorker();
    const client = new ArchiveClient(worker);
    const waiting = client.call('corpusInfo');
    worker.send({
      kind: 'status',
      status: { state: 'error', message: 'Could not open the archive at /x/corpus.sqlite: file is not a database' },
    });
    worker.emit('exit', 0); // the worker ends after reporting; the first reason must survive
    expect(client.status()).toEqual({
      state: 'error',
      message: 'Could not open the archive at /x/corpus.sqlite: file is not a database',
    });
    await expect(waiting).rejects.toMatchObject({
      name: 'Unavailable',
      message: expect.stringContaining('not a database'),
    });
    await expect(client.call('search', { query: 'gobierno' })).rejects.toMatchObject({ name: 'Unavailable' });
  });

  it('rejects calls in flight when the worker dies', async () => {
    const worker = new FakeWorker();
    const client = new ArchiveClient(worker);
    worker.send({ kind: 'status', status: { state: 'ready' } });
    const inFlight = client.call('search', { query: 'espionaje' });
    await flush();
    worker.emit('error', new Error('out of memory'));
    await expect(inFlight).rejects.toMatchObject({
      name: 'Unavailable',
      message: 'The archive stopped: out of memory',
    });
    expect(client.status().state).toBe('error');
  });

  it('terminates the worker on close', async () => {
    const worker = new FakeWorker();
    const client = new ArchiveClient(worker);
    await client.close();
    expect(worker.terminated).toBe(true);
    await expect(client.call('corpusInfo')).rejects.toMatchObject({ name: 'Unavailable' });
  });
});
