import type { ArchiveStatus } from '../../common/api';
import { isApiMethod, type ApiHandlers, type ApiMethod } from '../../common/api-methods';
import { ApiError } from '../../common/errors';
import type { LibraryArchive, PackInstallOutcome } from '../../common/library';
import type { Archive } from '../store/archive';
import type { AnnotationService } from '../annotations/annotation-service';

/**
 * The methods the archive itself answers, in the process that holds it (the Electron worker,
 * the browser-mode server). The rest of the table belongs to the Electron shell: opening a
 * link in the system browser and the native open-pack dialog.
 */
const SHELL_METHODS = ['openExternal', 'chooseAndInstall', 'saveExport'] as const satisfies readonly ApiMethod[];
export type ArchiveMethod = Exclude<ApiMethod, (typeof SHELL_METHODS)[number]>;
export type ArchiveHandlers = ApiHandlers<ArchiveMethod>;

const SHELL_METHOD_NAMES: ReadonlySet<string> = new Set(SHELL_METHODS);

/** Whether a name is a method of the table that the archive answers (not one of the shell's). */
export function isArchiveMethod(name: string): name is ArchiveMethod {
  return isApiMethod(name) && !SHELL_METHOD_NAMES.has(name);
}

/** Installing and removing packs, where the library is open (even empty). */
export interface ArchivePacks {
  install(packPath: string, options: { allowDowngrade: boolean; allowUntrusted: boolean }): Promise<PackInstallOutcome>;
  remove(id: string): Promise<void>;
}

/** What the handlers need from whoever opened the archive (an `ArchiveSession`, or a test's parts). */
export interface ArchiveParts {
  readonly archive: Archive;
  status(): ArchiveStatus;
  listArchives(): LibraryArchive[];
  /** Absent: every annotation call is refused as `Unavailable`. */
  readonly annotations?: AnnotationService | undefined;
  /** Absent: installing and removing packs is refused as `Unavailable`. */
  readonly packs?: ArchivePacks | undefined;
}

const ANNOTATIONS_UNAVAILABLE = 'Annotations are not available in this window.';
const PACKS_UNAVAILABLE = 'Archive packs cannot be installed here.';

/**
 * One handler per method of the table, over the open archive. Arguments arrive validated (each
 * transport parses them with `parseApiArguments` where they enter the process). Annotation and
 * pack calls run one after another: a backup restore must not interleave with a write, and
 * installing a pack re-anchors notes.
 */
export function createArchiveHandlers(parts: ArchiveParts): ArchiveHandlers {
  let writes: Promise<unknown> = Promise.resolve();
  const queued = <T>(task: () => Promise<T>): Promise<T> => {
    const run = writes.then(task);
    writes = run.catch(() => undefined);
    return run;
  };
  // Synchronous core calls: a throw becomes a rejection, like every other handler.
  const read = <T>(task: () => T): Promise<T> => new Promise((resolve) => resolve(task()));

  const annotations = (): AnnotationService => {
    if (!parts.annotations) throw new ApiError('Unavailable', ANNOTATIONS_UNAVAILABLE);
    return parts.annotations;
  };
  const packs = (): ArchivePacks => {
    if (!parts.packs) throw new ApiError('Unavailable', PACKS_UNAVAILABLE);
    return parts.packs;
  };

  return {
    status: () => read(() => parts.status()),
    corpusInfo: () => read(() => parts.archive.info),
    search: (request) => read(() => parts.archive.search(request)),
    getDocument: (id) => read(() => parts.archive.getDocument(id)),
    getAsset: (id) => read(() => parts.archive.getAsset(id)),
    listArchives: () => read(() => parts.listArchives()),
    listAnnotations: (...args) => queued(() => annotations().call('listAnnotations', args)),
    createAnnotation: (...args) => queued(() => annotations().call('createAnnotation', args)),
    updateAnnotation: (...args) => queued(() => annotations().call('updateAnnotation', args)),
    moveAnnotation: (...args) => queued(() => annotations().call('moveAnnotation', args)),
    deleteAnnotation: (...args) => queued(() => annotations().call('deleteAnnotation', args)),
    restoreAnnotation: (...args) => queued(() => annotations().call('restoreAnnotation', args)),
    searchAnnotations: (...args) => queued(() => annotations().call('searchAnnotations', args)),
    countAnnotations: (...args) => queued(() => annotations().call('countAnnotations', args)),
    exportAnnotations: (...args) =>
      queued(async () => {
        const exported = await annotations().call('exportAnnotations', args);
        const day = new Date().toISOString().slice(0, 10);
        // The content goes back as it is; each shell decides how it reaches the user (download, save dialog).
        return {
          kind: 'content',
          content: exported.content,
          mime: exported.mime,
          fileName: `anotaciones-${day}.${exported.extension}`,
        };
      }),
    importAnnotations: (...args) => queued(() => annotations().call('importAnnotations', args)),
    listBackups: (...args) => queued(() => annotations().call('listBackups', args)),
    restoreBackup: (...args) => queued(() => annotations().call('restoreBackup', args)),
    userDataStatus: (...args) => queued(() => annotations().call('userDataStatus', args)),
    listCollections: (...args) => queued(() => annotations().call('listCollections', args)),
    createCollection: (...args) => queued(() => annotations().call('createCollection', args)),
    renameCollection: (...args) => queued(() => annotations().call('renameCollection', args)),
    deleteCollection: (...args) => queued(() => annotations().call('deleteCollection', args)),
    setCollectionMembership: (...args) => queued(() => annotations().call('setCollectionMembership', args)),
    listSavedSearches: (...args) => queued(() => annotations().call('listSavedSearches', args)),
    saveSearch: (...args) => queued(() => annotations().call('saveSearch', args)),
    deleteSavedSearch: (...args) => queued(() => annotations().call('deleteSavedSearch', args)),
    activitySettings: (...args) => queued(() => annotations().call('activitySettings', args)),
    updateActivitySettings: (...args) => queued(() => annotations().call('updateActivitySettings', args)),
    recordSearch: (...args) => queued(() => annotations().call('recordSearch', args)),
    searchHistory: (...args) => queued(() => annotations().call('searchHistory', args)),
    clearSearchHistory: (...args) => queued(() => annotations().call('clearSearchHistory', args)),
    saveReadingPosition: (...args) => queued(() => annotations().call('saveReadingPosition', args)),
    readingPosition: (...args) => queued(() => annotations().call('readingPosition', args)),
    recentReading: (...args) => queued(() => annotations().call('recentReading', args)),
    unlockUserData: (...args) => queued(() => annotations().call('unlockUserData', args)),
    lockUserData: (...args) => queued(() => annotations().call('lockUserData', args)),
    setUserDataEncryption: (...args) => queued(() => annotations().call('setUserDataEncryption', args)),
    answerEncryptionQuestion: (...args) => queued(() => annotations().call('answerEncryptionQuestion', args)),
    installPack: (packPath, options) =>
      queued(() =>
        packs().install(packPath, {
          allowDowngrade: options.allowDowngrade === true,
          allowUntrusted: options.allowUntrusted === true,
        }),
      ),
    removeArchive: (id) => queued(() => packs().remove(id)),
  };
}
