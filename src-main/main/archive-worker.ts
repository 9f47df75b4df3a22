import { parentPort, workerData } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import { openArchiveSession } from '../core/session/archive-session';
import { answerWorkerRequest, type WorkerMessage, type WorkerRequest } from './archive-worker-protocol';

/**
 * Entry of the archive worker thread (bundled on its own as `dist/main/archive-worker.cjs`).
 * Opens the archive session (bundled corpus, installed packs, the user's annotations), says its
 * status, then answers requests; all start-up and recovery logic is the session's.
 */
interface ArchiveWorkerData {
  databasePath: string;
  /** Folder of the user's annotations database; annotations are unavailable without it. */
  userDataDir?: string;
  /** Folder of installed archive packs (`<userData>/packs` in the app). */
  packsDir?: string;
}

function isWorkerData(value: unknown): value is ArchiveWorkerData {
  if (typeof value !== 'object' || value === null || !('databasePath' in value)) return false;
  return typeof value.databasePath === 'string';
}

/** How long after start the notes open unless an annotation call opens them first. */
const ANNOTATIONS_IDLE_OPEN_MS = 250;

function start(): void {
  const port = parentPort;
  if (port === null) throw new Error('archive-worker must run as a worker thread');
  const post = (message: WorkerMessage): void => {
    port.postMessage(message);
  };

  if (!isWorkerData(workerData)) {
    const message = 'The archive worker was started without a database path.';
    post({ kind: 'status', status: { state: 'error', message } });
    return;
  }
  const session = openArchiveSession({
    databasePath: workerData.databasePath,
    // Without a packs folder (tests, tools) the library has none installed: an empty scratch folder.
    packsDir: workerData.packsDir ?? path.join(os.tmpdir(), `archivo-no-packs-${process.pid}`),
    userDataDir: workerData.userDataDir,
  });
  session.onStatusChange((status) => {
    post({ kind: 'status', status });
  });
  port.on('message', (request: WorkerRequest) => {
    void answerWorkerRequest(session.handlers, request).then(post);
  });
  port.on('close', () => {
    session.close();
  });
  post({ kind: 'status', status: session.status() });
  // The notes open a moment after the status is out, so the window's first calls (status,
  // a search, a document) are not kept waiting behind their start-up backup and migrations;
  // an annotation call before then opens them at once. A failure is reported by every
  // annotation call.
  setTimeout(() => {
    session.openAnnotations().catch(() => undefined);
  }, ANNOTATIONS_IDLE_OPEN_MS).unref();
}

start();
