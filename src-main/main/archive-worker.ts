import { parentPort, workerData } from 'node:worker_threads';
import { openArchive, type Archive } from '../core/archive';
import { ApiError } from '../common/errors';
import { BUNDLED_ARCHIVE_ID } from '../common/library';
import { openAnnotationService, type AnnotationService } from '../core/annotation-service';
import { diagnoseCorpusDatabase } from '../core/store/corpus-diagnosis';
import { answerAnnotationRequest, answerWorkerRequest, type WorkerMessage, type WorkerRequest } from './archive-worker-protocol';

/**
 * Entry of the archive worker thread (bundled on its own as `dist/main/archive-worker.cjs`).
 * Opens the corpus database and its search index, reports ready or failed, then answers
 * requests one at a time: better-sqlite3 is synchronous, so the queue is the thread.
 */
interface ArchiveWorkerData {
  databasePath: string;
  /** Folder of the user's annotations database; annotations are unavailable without it. */
  userDataDir?: string;
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
    // The start-up screen words what is wrong (and how to fix it) by the diagnosis' code.
    const problem = diagnoseCorpusDatabase(workerData.databasePath, error);
    post({ kind: 'failed', message: `Could not open the archive at ${workerData.databasePath}: ${reason}`, problem });
    return;
  }
  // The user database lives in this same thread: anchoring needs the archive's texts, and one
  // thread means one writer. It opens after the corpus (ready is not delayed by it).
  const userDataDir = workerData.userDataDir;
  const service: Promise<AnnotationService> =
    userDataDir === undefined
      ? Promise.reject(new ApiError('Unavailable', 'Annotations are not available in this window.'))
      : openAnnotationService(userDataDir, archive).catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new ApiError('Unavailable', `Your annotations could not be opened (${userDataDir}): ${reason}`);
        });
  service.catch(() => undefined); // Reported per call; not an unhandled rejection.
  // Annotation calls run one after another: a restore must not interleave with a write.
  let annotationQueue: Promise<unknown> = Promise.resolve();
  // Until the library of packs is wired here, the lone bundled corpus is the whole library.
  const library = {
    archive,
    list: () => [{ id: BUNDLED_ARCHIVE_ID, kind: 'bundled' as const, ...archive.info }],
  };
  port.on('message', (request: WorkerRequest) => {
    if (request.method === 'annotations') {
      annotationQueue = annotationQueue.then(async () => post(await answerAnnotationRequest(service, request)));
      return;
    }
    post(answerWorkerRequest(library, request));
  });
  port.on('close', () => {
    void service.then((opened) => opened.close()).catch(() => undefined);
    archive.close();
  });
  post({ kind: 'ready' });
}

start();
