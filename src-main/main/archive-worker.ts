import { parentPort, workerData } from 'node:worker_threads';
import { openArchive, type Archive } from '../core/archive';
import { answerWorkerRequest, type WorkerMessage, type WorkerRequest } from './archive-worker-protocol';

/**
 * Entry of the archive worker thread (bundled on its own as `dist/main/archive-worker.cjs`).
 * Opens the corpus database and its search index, reports ready or failed, then answers
 * requests one at a time: better-sqlite3 is synchronous, so the queue is the thread.
 */
interface ArchiveWorkerData {
  databasePath: string;
}

function isWorkerData(value: unknown): value is ArchiveWorkerData {
  return typeof value === 'object' && value !== null && typeof (value as ArchiveWorkerData).databasePath === 'string';
}

function start(): void {
  const port = parentPort;
  if (port === null) throw new Error('archive-worker must run as a worker thread');
  const post = (message: WorkerMessage): void => port.postMessage(message);

  if (!isWorkerData(workerData)) {
    post({ kind: 'failed', message: 'The archive worker was started without a database path.' });
    return;
  }
  let archive: Archive;
  try {
    archive = openArchive(workerData.databasePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    post({ kind: 'failed', message: `Could not open the archive at ${workerData.databasePath}: ${reason}` });
    return;
  }
  port.on('message', (request: WorkerRequest) => post(answerWorkerRequest(archive, request)));
  port.on('close', () => archive.close());
  post({ kind: 'ready' });
}

start();
