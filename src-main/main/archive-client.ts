import type { ArchiveStatus } from '../common/api';
import { typedResult, type ApiArgs, type ApiHandlers, type ApiResult } from '../common/api-methods';
import { ApiError } from '../common/errors';
import type { ArchiveMethod } from '../core/api/archive-handlers';
import type { WorkerMessage, WorkerRequest } from './archive-worker-protocol';

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
    await this.whenSettled();
    if (this.stopped !== null) throw new ApiError('Unavailable', this.stopped);
    const id = this.nextId++;
    const value = await new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args });
    });
    return typedResult(method, value);
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
 * The calls the page makes that the worker answers, as handlers for the IPC layer: every
 * archive method forwarded to the worker, and `status` answered at once from the last status.
 */
export function workerHandlers(
  client: ArchiveClient,
): ApiHandlers<Exclude<ArchiveMethod, 'getAsset' | 'installPack' | 'exportAnnotations'>> {
  return {
    status: () => Promise.resolve(client.status()),
    corpusInfo: () => client.call('corpusInfo'),
    search: (...args) => client.call('search', ...args),
    getDocument: (...args) => client.call('getDocument', ...args),
    listArchives: () => client.call('listArchives'),
    listAnnotations: (...args) => client.call('listAnnotations', ...args),
    createAnnotation: (...args) => client.call('createAnnotation', ...args),
    updateAnnotation: (...args) => client.call('updateAnnotation', ...args),
    moveAnnotation: (...args) => client.call('moveAnnotation', ...args),
    deleteAnnotation: (...args) => client.call('deleteAnnotation', ...args),
    restoreAnnotation: (...args) => client.call('restoreAnnotation', ...args),
    searchAnnotations: (...args) => client.call('searchAnnotations', ...args),
    countAnnotations: (...args) => client.call('countAnnotations', ...args),
    importAnnotations: (...args) => client.call('importAnnotations', ...args),
    listBackups: () => client.call('listBackups'),
    restoreBackup: (...args) => client.call('restoreBackup', ...args),
    userDataStatus: () => client.call('userDataStatus'),
    listCollections: (...args) => client.call('listCollections', ...args),
    createCollection: (...args) => client.call('createCollection', ...args),
    renameCollection: (...args) => client.call('renameCollection', ...args),
    deleteCollection: (...args) => client.call('deleteCollection', ...args),
    setCollectionMembership: (...args) => client.call('setCollectionMembership', ...args),
    listSavedSearches: (...args) => client.call('listSavedSearches', ...args),
    saveSearch: (...args) => client.call('saveSearch', ...args),
    deleteSavedSearch: (...args) => client.call('deleteSavedSearch', ...args),
    activitySettings: (...args) => client.call('activitySettings', ...args),
    updateActivitySettings: (...args) => client.call('updateActivitySettings', ...args),
    recordSearch: (...args) => client.call('recordSearch', ...args),
    searchHistory: (...args) => client.call('searchHistory', ...args),
    clearSearchHistory: (...args) => client.call('clearSearchHistory', ...args),
    saveReadingPosition: (...args) => client.call('saveReadingPosition', ...args),
    readingPosition: (...args) => client.call('readingPosition', ...args),
    recentReading: (...args) => client.call('recentReading', ...args),
    unlockUserData: (...args) => client.call('unlockUserData', ...args),
    lockUserData: () => client.call('lockUserData'),
    setUserDataEncryption: (...args) => client.call('setUserDataEncryption', ...args),
    answerEncryptionQuestion: (...args) => client.call('answerEncryptionQuestion', ...args),
    removeArchive: (...args) => client.call('removeArchive', ...args),
  };
}
