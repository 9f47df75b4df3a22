import { ApiError } from '../../common/errors';
import type { Archive } from '../store/archive';
import type { AnnotationService, openAnnotationService } from '../annotations/annotation-service';
import { explainWriteFault } from '../userdata/write-faults';

/** The library as this service needs it: its merged archive and whether anything is open. */
export interface AnnotatedLibrary {
  readonly archive: Archive;
  list(): readonly unknown[];
}

export interface DeferredAnnotationService extends AnnotationService {
  /**
   * Opens the notes database now if the library has an archive (no-op otherwise, or when it
   * is open or opening already). Never rejects: an open that fails is reported by every call.
   */
  openIfArchive(): Promise<void>;
  /** Whether the notes database was opened (successfully). */
  readonly isOpen: boolean;
}

/** Said by every annotation call while the library has no archive at all. */
export const NO_ARCHIVE_FOR_ANNOTATIONS =
  'Annotations are not available until an archive is open; your notes were not touched.';

/**
 * The notes' code (the encrypted SQLite binding, migrations, import and export formats) is
 * loaded with the notes, not at start: a server or window that has not needed them yet has
 * not paid for it (in the bundles, this is a separate chunk).
 */
const openAnnotationServiceWhenNeeded: typeof openAnnotationService = async (dir, archive) => {
  const { openAnnotationService } = await import('../annotations/annotation-service');
  return openAnnotationService(dir, archive);
};

/**
 * The user's annotations, opened only once the library has at least one archive. Opening the
 * notes re-anchors every note against the archive, so with nothing open every note would be
 * marked orphaned: while the library is empty (bundled corpus broken, no pack yet) the notes
 * database is not even opened and stays byte for byte as it was. The first call after an
 * archive appears (or `openIfArchive` right after an install) opens it.
 */
export function annotationServiceOnceArchiveOpens(
  dir: string,
  library: AnnotatedLibrary,
  open: typeof openAnnotationService = openAnnotationServiceWhenNeeded,
): DeferredAnnotationService {
  let opening: Promise<AnnotationService> | null = null;
  let opened: AnnotationService | null = null;
  let closed = false;

  function start(): Promise<AnnotationService> | null {
    if (opening === null && !closed && library.list().length > 0) {
      opening = open(dir, library.archive).then(
        (service) => {
          if (closed) service.close();
          else opened = service;
          return service;
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          // A read-only or full notes folder gets its own code, for the UI to word.
          throw (
            explainWriteFault(error, dir) ??
            new ApiError('Unavailable', `Your annotations could not be opened (${dir}): ${reason}`)
          );
        },
      );
      opening.catch(() => undefined); // Reported per call; not an unhandled rejection.
    }
    return opening;
  }

  return {
    dir,
    get isOpen() {
      return opened !== null;
    },
    async openIfArchive() {
      await start()?.catch(() => undefined);
    },
    call(method, args) {
      if (closed) return Promise.reject(new ApiError('Unavailable', 'The annotations were closed.'));
      const service = start();
      if (service === null) return Promise.reject(new ApiError('Unavailable', NO_ARCHIVE_FOR_ANNOTATIONS));
      return service.then((ready) => ready.call(method, args));
    },
    reanchorArchive(archiveId) {
      // Not open: nothing was read, so nothing is counted; opening re-anchors every note anyway.
      return opened ? opened.reanchorArchive(archiveId) : { unchanged: 0, moved: 0, orphaned: 0 };
    },
    close() {
      closed = true;
      opened?.close();
      opened = null;
    },
  };
}
