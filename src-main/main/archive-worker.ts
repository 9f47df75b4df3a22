import { parentPort, workerData } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import { LibraryUnavailableError, openLibrary, type ArchiveReanchor, type Library } from '../core/library';
import { ApiError } from '../common/errors';
import type { AnnotationService } from '../core/annotation-service';
import { annotationServiceOnceArchiveOpens } from '../core/deferred-annotation-service';
import type { PackInstallOutcome } from '../common/library';
import { diagnoseCorpusDatabase } from '../core/store/corpus-diagnosis';
import {
  answerAnnotationRequest,
  answerLibraryRequest,
  answerWorkerRequest,
  type WorkerMessage,
  type WorkerReply,
  type WorkerRequest,
} from './archive-worker-protocol';

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
  // Nothing opened at all: the library is still open, EMPTY, so the start-up screen can install a pack.
  let library: Library;
  try {
    // Without a packs folder (tests, tools) the library has none installed: an empty scratch folder.
    const packsDir = workerData.packsDir ?? path.join(os.tmpdir(), `archivo-no-packs-${process.pid}`);
    library = openLibrary({ bundledDatabasePath: workerData.databasePath, packsDir, allowEmpty: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The start-up screen words what is wrong (and how to fix it) by the diagnosis' code.
    const problem =
      error instanceof LibraryUnavailableError && error.problem
        ? error.problem
        : diagnoseCorpusDatabase(workerData.databasePath, error);
    post({ kind: 'failed', message: `Could not open the archive at ${workerData.databasePath}: ${reason}`, problem });
    return;
  }
  const isEmpty = (): boolean => library.list().length === 0;
  // The user database lives in this same thread: anchoring needs the archive's texts, and one
  // thread means one writer. It opens after the corpus (ready is not delayed by it), and only
  // once the library has an archive: opening re-anchors every note, which against nothing would
  // orphan them all, so with an empty library user.sqlite is not even opened.
  const userDataDir = workerData.userDataDir;
  const deferred = userDataDir === undefined ? null : annotationServiceOnceArchiveOpens(userDataDir, library);
  const service: Promise<AnnotationService> =
    deferred === null
      ? Promise.reject(new ApiError('Unavailable', 'Annotations are not available in this window.'))
      : Promise.resolve(deferred);
  service.catch(() => undefined); // Reported per call; not an unhandled rejection.
  void deferred?.openIfArchive();
  // Annotation calls run one after another: a restore must not interleave with a write.
  let annotationQueue: Promise<unknown> = Promise.resolve();
  // Re-anchoring after an install/remove writes notes: it runs in the annotation queue, with the
  // service when it opened (without it, the pack still installs and the counts are zero).
  const reanchorer = async (): Promise<ArchiveReanchor | undefined> => {
    if (deferred === null) return undefined;
    await deferred.openIfArchive();
    return deferred.isOpen ? (archiveId) => deferred.reanchorArchive(archiveId) : undefined;
  };
  /** After the first pack went into an empty library: open the notes, count this pack's, say ready. */
  const afterFirstInstall = async (reply: WorkerReply): Promise<WorkerReply> => {
    await deferred?.openIfArchive();
    if (reply.ok && isInstalled(reply.value) && deferred?.isOpen) {
      reply = { ...reply, value: { ...reply.value, annotations: deferred.reanchorArchive(reply.value.archive.id) } };
    }
    // Ready first: when the page hears the outcome, the status it asks for is already ready.
    post(library.problems.length > 0 ? { kind: 'ready', problems: library.problems } : { kind: 'ready' });
    return reply;
  };
  port.on('message', (request: WorkerRequest) => {
    if (request.method === 'annotations') {
      annotationQueue = annotationQueue.then(async () => post(await answerAnnotationRequest(service, request)));
      return;
    }
    if (request.method === 'installPack' || request.method === 'removeArchive') {
      annotationQueue = annotationQueue.then(async () => {
        const wasEmpty = isEmpty();
        const reply = await answerLibraryRequest(library, request, await reanchorer());
        post(wasEmpty && !isEmpty() ? await afterFirstInstall(reply) : reply);
      });
      return;
    }
    post(answerWorkerRequest(library, request));
  });
  port.on('close', () => {
    deferred?.close();
    library.close();
  });
  if (isEmpty()) {
    const problem =
      library.problems[0] ?? diagnoseCorpusDatabase(workerData.databasePath, new Error('no archive could be opened'));
    post({
      kind: 'failed',
      message: `Could not open the archive at ${workerData.databasePath}: No archive could be opened: ${problem.message}`,
      problem,
      acceptsPacks: true,
    });
    return;
  }
  post(library.problems.length > 0 ? { kind: 'ready', problems: library.problems } : { kind: 'ready' });
}

function isInstalled(
  value: unknown,
): value is Extract<PackInstallOutcome, { kind: 'installed' | 'upgraded' | 'downgraded' }> {
  return typeof value === 'object' && value !== null && 'archive' in value && 'annotations' in value;
}

start();
