import type { ArchiveStatus } from '../common/api';
import { typedResult, type ApiArgs, type ApiHandlers, type ApiResult } from '../common/api-methods';
import { ApiError } from '../common/errors';
import type { ArchiveMethod } from '../core/api/archive-handlers';
import type { WorkerMessage, WorkerRequest } from './archive-worker-protocol';
import type { IpcForwarder } from './ipc-handlers';

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
 * Main-process side of the archive worker. `status()` answers at once from the worker's last
 * status message (the window paints while the corpus loads); calls made while loading wait for
 * the first one. The worker's session answers every call, also when it could not open the
 * archive (its refusals say why); once the worker itself stopped, every call rejects with
 * `Unavailable` and the reason.
 */
export class ArchiveClient {
  private state: ArchiveStatus = { state: 'loading' };
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;
  /** Why the worker stopped; set once, calls are then refused here. */
  private stopped: string | null = null;

  constructor(private readonly worker: WorkerPort) {
    worker.on('message', (message) => {
      this.onMessage(message);
    });
    worker.on('error', (error) => {
      this.fail(`The archive stopped: ${error.message}`);
    });
    worker.on('exit', (code) => {
      this.fail(`The archive stopped unexpectedly (exit code ${code}).`);
    });
  }

  status(): ArchiveStatus {
    return this.state;
  }

  async call<M extends ArchiveMethod>(method: M, ...args: ApiArgs<M>): Promise<ApiResult<M>> {
    return typedResult(method, await this.send(method, args));
  }

  /** One request as the worker takes it; the worker validates the arguments and types the answer. */
  async send(method: ArchiveMethod, args: readonly unknown[]): Promise<unknown> {
    await this.whenSettled();
    if (this.stopped !== null) throw new ApiError('Unavailable', this.stopped);
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args });
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
      case 'status':
        if (this.stopped === null) this.settle(message.status);
        return;
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

  /** First failure wins: a later 'exit' must not overwrite the reason the archive stopped. */
  private fail(reason: string): void {
    if (this.stopped === null) {
      // A start-up error the worker reported stays the status and the reason (the page explains it).
      if (this.state.state !== 'error') this.settle({ state: 'error', message: reason });
      this.stopped = this.state.state === 'error' ? this.state.message : reason;
    }
    for (const entry of this.pending.values()) entry.reject(new ApiError('Unavailable', this.stopped));
    this.pending.clear();
  }
}

/**
 * The IPC layer's wiring to the worker: `status` answered at once from the last status, and every
 * other archive method main does not answer itself forwarded (no list of methods to keep in step).
 */
export function workerIpc(client: ArchiveClient): { handlers: Pick<ApiHandlers, 'status'>; forward: IpcForwarder } {
  return {
    handlers: { status: () => Promise.resolve(client.status()) },
    forward: (method, args) => client.send(method, args),
  };
}
