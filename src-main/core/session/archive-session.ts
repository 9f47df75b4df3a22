import type { ArchiveStatus, UserDataStatus } from '../../common/api';
import type { CorpusProblem, LibraryArchive, PackInstallOutcome } from '../../common/library';
import type { Archive } from '../store/archive';
import { annotationServiceOnceArchiveOpens, type DeferredAnnotationService } from './deferred-annotation-service';
import { archiveOnceLibraryHasOne } from './empty-library-archive';
import { LibraryUnavailableError, openLibrary, type Library } from '../packs/library';
import { diagnoseCorpusDatabase } from '../store/corpus-diagnosis';
import { unavailableArchive } from './unavailable-archive';
import {
  createArchiveHandlers,
  type ArchiveHandlers,
  type ArchivePacks,
  type ArchiveParts,
} from '../api/archive-handlers';

export interface ArchiveSessionOptions {
  /** The bundled corpus database. */
  databasePath: string;
  /** Folder of installed archive packs. */
  packsDir: string;
  /** Folder of the user's annotations database; absent: annotations are not offered. */
  userDataDir?: string | undefined;
  /** Whether this session may install and remove packs (the owner's own window or loopback page). */
  managesPacks?: boolean;
}

/**
 * The archive as both shells run it: the Electron worker and the browser-mode server each open
 * one session and only wire their transport to `handlers`. The start-up and recovery steps live
 * here, once:
 *
 * 1. open the library (the bundled corpus plus the installed packs); a broken archive beside a
 *    working one is a `problem` of a ready session (a banner), not a failure;
 * 2. nothing openable: the library stays open, EMPTY, and the status is the start-up screen's
 *    error (diagnosed by code) until a pack is installed from that screen;
 * 3. the library itself cannot open: every call is refused with the diagnosis;
 * 4. the user's annotations open once the library has an archive (opening re-anchors every note,
 *    which against nothing would orphan them all), restoring a damaged database from its backup;
 *    a notes folder that cannot be opened only makes annotation calls fail, never the archive.
 */
export interface ArchiveSession extends ArchiveParts {
  readonly handlers: ArchiveHandlers;
  /** Null when the library could not be opened at all. */
  readonly library: Library | null;
  /** Archives of the library that could not be opened at start. */
  readonly problems: readonly CorpusProblem[];
  /**
   * Opens the annotations now if there is an archive (also done on their first call), and says
   * what happened at start (a restored backup, a failed backup) for the shell to report.
   * Null without annotations or while nothing is open; rejects with the reason they could not
   * be opened (every annotation call then says the same).
   */
  openAnnotations(): Promise<UserDataStatus | null>;
  /** Called after a call changed the status (the first pack installed into an empty library). */
  onStatusChange(listener: (status: ArchiveStatus) => void): void;
  close(): void;
}

export function openArchiveSession(options: ArchiveSessionOptions): ArchiveSession {
  const { databasePath } = options;
  let library: Library;
  try {
    library = openLibrary({ bundledDatabasePath: databasePath, packsDir: options.packsDir, allowEmpty: true });
  } catch (error) {
    // The start-up screen words what is wrong (and how to fix it) by the diagnosis' code.
    const problem =
      error instanceof LibraryUnavailableError && error.problem
        ? error.problem
        : diagnoseCorpusDatabase(databasePath, error);
    return failedSession(problem);
  }
  return librarySession(library, options);
}

function startupError(problem: CorpusProblem): Extract<ArchiveStatus, { state: 'error' }> {
  return { state: 'error', message: `The archive could not be opened: ${problem.message}`, problem };
}

/** Nothing could be opened, not even an empty library: every call but the status is refused. */
function failedSession(problem: CorpusProblem): ArchiveSession {
  const status = startupError(problem);
  const parts: ArchiveParts = {
    archive: unavailableArchive(status.message),
    status: () => status,
    listArchives: () => [],
  };
  return {
    ...parts,
    handlers: createArchiveHandlers(parts),
    library: null,
    problems: [problem],
    openAnnotations: () => Promise.resolve(null),
    onStatusChange: () => undefined,
    close: () => undefined,
  };
}

function librarySession(library: Library, options: ArchiveSessionOptions): ArchiveSession {
  const isEmpty = (): boolean => library.list().length === 0;
  // Empty at start: the status stays the start-up screen's error until the first pack arrives.
  const initialError = isEmpty()
    ? startupError(
        library.problems[0] ?? diagnoseCorpusDatabase(options.databasePath, new Error('no archive could be opened')),
      )
    : null;
  const status = (): ArchiveStatus => {
    if (initialError && isEmpty()) return initialError;
    return library.problems.length > 0 ? { state: 'ready', problems: library.problems } : { state: 'ready' };
  };
  const archive: Archive = initialError ? archiveOnceLibraryHasOne(library, initialError.message) : library.archive;
  const notes: DeferredAnnotationService | undefined =
    options.userDataDir === undefined ? undefined : annotationServiceOnceArchiveOpens(options.userDataDir, library);
  const listeners: Array<(status: ArchiveStatus) => void> = [];

  /** Re-anchoring writes notes: only once they are open (without them, the counts are zero). */
  const reanchor = async () => {
    await notes?.openIfArchive();
    return notes?.isOpen ? { reanchor: (archiveId: string) => notes.reanchorArchive(archiveId) } : {};
  };
  const install = async (packPath: string, installOptions: { allowDowngrade: boolean; allowUntrusted: boolean }) => {
    const wasEmpty = isEmpty();
    let outcome: PackInstallOutcome = await library.install(packPath, { ...installOptions, ...(await reanchor()) });
    if (wasEmpty && !isEmpty()) {
      // The first archive of an empty library: the notes open now (re-anchored against it),
      // then this pack's are counted; the status turns ready before the caller hears the outcome.
      await notes?.openIfArchive();
      if (outcome.kind !== 'confirm-downgrade' && outcome.kind !== 'confirm-publisher' && notes?.isOpen) {
        outcome = { ...outcome, annotations: notes.reanchorArchive(outcome.archive.id) };
      }
      for (const listener of listeners) listener(status());
    }
    return outcome;
  };
  const packs: ArchivePacks | undefined =
    options.managesPacks === false
      ? undefined
      : {
          install,
          remove: async (id) => {
            await library.remove(id, await reanchor());
          },
        };
  const parts: ArchiveParts = {
    archive,
    status,
    listArchives: (): LibraryArchive[] => library.list(),
    annotations: notes,
    packs,
  };
  return {
    ...parts,
    handlers: createArchiveHandlers(parts),
    library,
    problems: library.problems,
    async openAnnotations() {
      if (!notes || isEmpty()) return null;
      return notes.call('userDataStatus', []);
    },
    onStatusChange: (listener) => {
      listeners.push(listener);
    },
    close: () => {
      notes?.close();
      library.close();
    },
  };
}
