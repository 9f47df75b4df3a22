import type { AnnotationsApi, UserDataStatus } from '../../common/api';
import type { AnnotationMethod } from '../../common/ipc';
import type { Annotation } from '../../common/annotations';
import {
  createAnnotation,
  deleteAnnotation,
  exportAnnotations,
  importAnnotations,
  listDocumentAnnotations,
  moveAnnotation,
  openUserData,
  reanchorAll,
  restoreAnnotation,
  searchAnnotations,
  updateAnnotation,
  type AnnotationExport,
  type DocumentSource,
  type UserData,
} from './index';
import { parseApiArguments, type ApiArgs } from '../../common/api-methods';
import { reanchorArchiveAnnotations, type ArchiveAnnotationCounts } from '../packs/archive-annotations';
import { explainWriteFault } from '../userdata/write-faults';
import { collectionHandlers } from './collection-methods';
import { UserDataLock } from '../userdata/user-data-lock';
import { openSealedImport, sealExport } from './exchange/sealed-import';

/**
 * The annotations core behind one door for both transports (HTTP in browser mode, the
 * archive worker in Electron): validates each call's argument list with the zod schemas,
 * then runs it against the user database. Holds the CURRENT user-data handle because
 * restoring a backup replaces it.
 *
 * Export returns the content; each transport decides how it reaches the user (download or
 * save dialog), which is why `exportAnnotations` here differs from the `AnnotationsApi` one.
 */
export type AnnotationServiceResults = {
  [M in Exclude<AnnotationMethod, 'exportAnnotations'>]: Awaited<ReturnType<AnnotationsApi[M]>>;
} & { exportAnnotations: AnnotationExport };

/** What answers each method: its validated arguments in, its result (or a promise of it) out. */
type AnnotationHandlers = {
  [M in AnnotationMethod]: (...args: ApiArgs<M>) => AnnotationServiceResults[M] | Promise<AnnotationServiceResults[M]>;
};

export interface AnnotationService {
  call<M extends AnnotationMethod>(method: M, args: unknown[]): Promise<AnnotationServiceResults[M]>;
  /** Which folder holds the user database (shown at start in browser mode). */
  readonly dir: string;
  /** After a library archive was installed, upgraded or removed: re-anchors, then counts that archive's annotations. */
  reanchorArchive(archiveId: string): ArchiveAnnotationCounts;
  close(): void;
}

export async function openAnnotationService(dir: string, archive: DocumentSource): Promise<AnnotationService> {
  // Encrypted notes start locked: nothing is read until the passphrase is given (unlockUserData).
  const lock = new UserDataLock(dir);
  let userData: UserData | null = lock.startsLocked() ? null : await openUserData(dir);
  // The corpus may have been rebuilt since the notes were written: re-anchor before the first read.
  if (userData) reanchorAll(userData, archive);
  let status: UserDataStatus = { recovered: userData?.recovered ?? null, backupError: userData?.backupError ?? null };

  /** The database handle, or the "notes are locked" refusal. */
  const opened = (): UserData => lock.opened(userData);

  /**
   * One handler per method, typed by the method table: each receives its argument tuple as
   * `parseApiArguments` validated it, so no argument is cast.
   */
  const handlers: AnnotationHandlers = {
    userDataStatus: () => {
      const encrypted = lock.encrypted(userData);
      // Plain notes whose owner never answered the first-start question about encryption (issue 17).
      const askAboutEncryption = userData !== null && !encrypted && !userData.activity.encryptionQuestionAnswered();
      return { ...status, folder: dir, encrypted, locked: userData === null, askAboutEncryption };
    },
    unlockUserData: async (passphrase) => {
      if (userData === null) {
        userData = await lock.unlock(passphrase);
        reanchorAll(userData, archive);
        status = { recovered: userData.recovered, backupError: userData.backupError };
      }
    },
    lockUserData: () => {
      lock.lock(userData);
      userData = null;
    },
    setUserDataEncryption: async (current, next) => {
      const switched = await lock.switchEncryption(opened(), current, next);
      userData = switched.opened;
      if (switched.error !== null) throw switched.error;
      // Turning encryption on or off answers the first-start question for good.
      userData.activity.answerEncryptionQuestion();
    },
    answerEncryptionQuestion: () => {
      opened().activity.answerEncryptionQuestion();
    },
    listAnnotations: (documentId) => listDocumentAnnotations(opened(), documentId),
    createAnnotation: (input) => createAnnotation(opened(), archive, input),
    updateAnnotation: (id, changes) => updateAnnotation(opened(), id, changes),
    moveAnnotation: (id, span) => moveAnnotation(opened(), archive, id, span),
    deleteAnnotation: (id) => deleteAnnotation(opened(), id),
    restoreAnnotation: (annotation) => restoreAnnotation(opened(), archive, annotation),
    searchAnnotations: (query) => searchAnnotations(opened(), query),
    countAnnotations: (documentIds) => countAnnotations(opened(), documentIds),
    exportAnnotations: (format, filter, labels, passphrase) => {
      const exported = exportAnnotations(opened(), archive, format, { filter, ...(labels ? { labels } : {}) });
      // With a passphrase the export is sealed here, in the core, so it works over plain http too.
      return passphrase === undefined ? exported : sealExport(exported, passphrase);
    },
    importAnnotations: (text, passphrase) => importAnnotations(opened(), archive, openSealedImport(text, passphrase)),
    listBackups: () => opened().listBackups(),
    restoreBackup: async (name) => {
      const restored = await opened().restoreBackup(name);
      userData = restored;
      reanchorAll(restored, archive);
      // A successful restore supersedes whatever happened at start.
      status = { recovered: null, backupError: null };
    },
    ...collectionHandlers(opened),
  };

  /**
   * A write the disk refused (full, read-only, I/O error) becomes a sentence naming the folder,
   * with a code the UI words in its language. SQLite rolled the transaction back, so the
   * database keeps its last good state; the UI keeps what the user typed for a retry.
   */
  async function runExplained<M extends AnnotationMethod>(
    method: M,
    args: unknown[],
  ): Promise<AnnotationServiceResults[M]> {
    try {
      const handler: AnnotationHandlers[M] = handlers[method];
      return await handler(...parseApiArguments(method, args));
    } catch (error) {
      throw explainWriteFault(error, dir) ?? error;
    }
  }

  return {
    dir,
    call: runExplained,
    reanchorArchive: (archiveId) =>
      userData ? reanchorArchiveAnnotations(userData, archive, archiveId) : { unchanged: 0, moved: 0, orphaned: 0 },
    close: () => userData?.close(),
  };
}

function countAnnotations(userData: UserData, documentIds: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const documentId of new Set(documentIds)) {
    const list: Annotation[] = listDocumentAnnotations(userData, documentId);
    if (list.length > 0) counts[documentId] = list.length;
  }
  return counts;
}
