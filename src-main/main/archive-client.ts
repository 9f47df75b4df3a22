import type { ArchiveStatus } from '../common/api';
import { ApiError } from '../common/errors';
import type { CorpusProblem } from '../common/library';
import type { IpcBackend } from './ipc-handlers';
import {
  EMPTY_LIBRARY_METHODS,
  type WorkerMessage,
  type WorkerMethod,
  type WorkerMethods,
  type WorkerRequest,
} from './archive-worker-protocol';

/** The part of `worker_threads.Worker` the client uses (a fake in tests). */
export interface WorkerPort {
  postMessage(message: WorkerRequest): void;
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: ApiError): void;
}

/**
 * Main-process side of the archive worker. `status()` answers at once (the window
 * paints while the corpus loads); calls made while loading wait for the outcome;
 * after a failure every call rejects with `Unavailable` and the reason, except when the worker
 * opened an EMPTY library (`acceptsPacks`): installing a pack still works, and the worker's
 * later `ready` turns the status ready.
 */
export class ArchiveClient {
  private state: ArchiveStatus = { state: 'loading' };
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;
  /** The worker is alive with an empty library: pack installs are still answered. */
  private acceptsPacks = false;

  constructor(private readonly worker: WorkerPort) {
    worker.on('message', (message) => this.onMessage(message));
    worker.on('error', (error) => this.fail(`The archive stopped: ${error.message}`));
    worker.on('exit', (code) => this.fail(`The archive stopped unexpectedly (exit code ${code}).`));
  }

  status(): ArchiveStatus {
    return this.state;
  }

  async call<M extends WorkerMethod>(
    method: M,
    ...args: WorkerMethods[M]['args']
  ): Promise<WorkerMethods[M]['result']> {
    await this.whenSettled();
    if (this.state.state === 'error' && !(this.acceptsPacks && EMPTY_LIBRARY_METHODS.has(method))) {
      throw new ApiError('Unavailable', this.state.message);
    }
    const id = this.nextId++;
    return new Promise<WorkerMethods[M]['result']>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } as WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.fail('The archive was closed.');
    await this.worker.terminate();
  }

  private whenSettled(): Promise<void> {
    if (this.state.state !== 'loading') return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private settle(next: ArchiveStatus): void {
    this.state = next;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private onMessage(message: WorkerMessage): void {
    switch (message.kind) {
      case 'ready':
        if (this.state.state === 'loading' || (this.state.state === 'error' && this.acceptsPacks)) {
          this.acceptsPacks = false;
          this.settle(
            message.problems && message.problems.length > 0
              ? { state: 'ready', problems: message.problems }
              : { state: 'ready' },
          );
        }
        return;
      case 'failed': {
        const first = this.state.state === 'loading';
        this.fail(message.message, message.problem);
        // Only as the first startup message (a failure after the worker died accepts nothing).
        this.acceptsPacks = first && message.acceptsPacks === true;
        return;
      }
      case 'result': {
        const entry = this.pending.get(message.id);
        if (!entry) return;
        this.pending.delete(message.id);
        if (message.ok) entry.resolve(message.value);
        else entry.reject(new ApiError(message.error.name, message.error.message, message.error.code));
        return;
      }
    }
  }

  /** First failure wins: a later 'exit' must not overwrite the reason the archive failed to open. */
  private fail(reason: string, problem?: CorpusProblem): void {
    this.acceptsPacks = false;
    if (this.state.state !== 'error')
      this.settle(problem ? { state: 'error', message: reason, problem } : { state: 'error', message: reason });
    const message = this.state.state === 'error' ? this.state.message : reason;
    for (const entry of this.pending.values()) entry.reject(new ApiError('Unavailable', message));
    this.pending.clear();
  }
}

/**
 * The archive channels of the IPC layer, answered by the worker behind `client`. One mapping
 * for main.ts and the tests that drive the real worker through the real handlers.
 */
export function ipcBackendOf(client: ArchiveClient): IpcBackend {
  return {
    status: () => client.status(),
    corpusInfo: () => client.call('corpusInfo'),
    search: (request) => client.call('search', request),
    getDocument: (id) => client.call('getDocument', id),
    listArchives: () => client.call('listArchives'),
  };
}
