import { parentPort, workerData } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import { LibraryUnavailableError, openLibrary, type ArchiveReanchor, type Library } from '../core/library';
import { ApiError } from '../common/errors';
import { openAnnotationService, type AnnotationService } from '../core/annotation-service';
import { diagnoseCorpusDatabase } from '../core/store/corpus-diagnosis';
import { explainWriteFault } from '../core/userdata/write-faults';
import { answerAnnotationRequest, answerLibraryRequest, answerWorkerRequest, type WorkerMessage, type WorkerRequest } from './archive-worker-protocol';

/**
 * Entry of the archive worker thread (bundled on its own as `dist/main/archive-worker.cjs`).
 * Opens the library (bundled corpus + installed packs), reports ready or failed, then answers
 * requests one at a time: better-sqlite3 is synchronous, so the queue is the thread.
 */
interface ArchiveWorkerData {
  databasePath: string;
  /** Folder of the user's annotations database; annotations are unavailable without it. */
  userDataDir?: string;
  /** Folder of installed archive packs (`<userData>/packs` in the app). */
  packsDir?: string;
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
  // The library: the bundled corpus plus the packs installed in packsDir, searched as one archive.
  // A broken archive beside a working one is a `problem` of a ready library (a banner), not a failure.
  let library: Library;
  try {
    // Without a packs folder (tests, tools) the library has none installed: an empty scratch folder.
    const packsDir = workerData.packsDir ?? path.join(os.tmpdir(), `archivo-no-packs-${process.pid}`);
    library = openLibrary({ bundledDatabasePath: workerData.databasePath, packsDir });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The start-up screen words what is wrong (and how to fix it) by the diagnosis' code.
    const problem = error instanceof LibraryUnavailableError && error.problem ? error.problem : diagnoseCorpusDatabase(workerData.databasePath, error);
    post({ kind: 'failed', message: `Could not open the archive at ${workerData.databasePath}: ${reason}`, problem });
    return;
  }
  const archive = library.archive;
  // The user database lives in this same thread: anchoring needs the archive's texts, and one
  // thread means one writer. It opens after the corpus (ready is not delayed by it).
  const userDataDir = workerData.userDataDir;
  const service: Promise<AnnotationService> =
    userDataDir === undefined
      ? Promise.reject(new ApiError('Unavailable', 'Annotations are not available in this window.'))
      : openAnnotationService(userDataDir, archive).catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          // A read-only or full notes folder gets its own code, for the UI to word.
          throw explainWriteFault(error, userDataDir) ?? new ApiError('Unavailable', `Your annotations could not be opened (${userDataDir}): ${reason}`);
        });
  service.catch(() => undefined); // Reported per call; not an unhandled rejection.
  // Annotation calls run one after another: a restore must not interleave with a write.
  let annotationQueue: Promise<unknown> = Promise.resolve();
  // Re-anchoring after an install/remove writes notes: it runs in the annotation queue, with the
  // service when it opened (without it, the pack still installs and the counts are zero).
  const reanchorer = (): Promise<ArchiveReanchor | undefined> =>
    service.then(
      (opened): ArchiveReanchor => (archiveId) => opened.reanchorArchive(archiveId),
      () => undefined,
    );
  port.on('message', (request: WorkerRequest) => {
    if (request.method === 'annotations') {
      annotationQueue = annotationQueue.then(async () => post(await answerAnnotationRequest(service, request)));
      return;
    }
    if (request.method === 'installPack' || request.method === 'removeArchive') {
      annotationQueue = annotationQueue.then(async () => post(await answerLibraryRequest(library, request, await reanchorer())));
      return;
    }
    post(answerWorkerRequest(library, request));
  });
  port.on('close', () => {
    void service.then((opened) => opened.close()).catch(() => undefined);
    library.close();
  });
  post(library.problems.length > 0 ? { kind: 'ready', problems: library.problems } : { kind: 'ready' });
}

start();
