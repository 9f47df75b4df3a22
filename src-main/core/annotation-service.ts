import type { AnnotationsApi, AnnotationExportLabels, UserDataStatus } from '../common/api';
import type { AnnotationMethod } from '../common/ipc';
import type { Annotation, AnnotationQuery } from '../common/annotations';
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
} from './annotations/index';
import { parseApiArguments } from '../common/api-methods';
import { reanchorArchiveAnnotations, type ArchiveAnnotationCounts } from './packs/archive-annotations';
import { explainWriteFault } from './userdata/write-faults';
import { ApiError } from '../common/errors';
import { runCollectionMethod } from './annotations/collection-methods';
import { UserDataLock } from './userdata/user-data-lock';
import { openSealedImport, sealExport } from './annotations/exchange/sealed-import';

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

  async function run(method: AnnotationMethod, args: unknown[]): Promise<unknown> {
    const parsed: readonly unknown[] = parseApiArguments(method, args);
    switch (method) {
      case 'userDataStatus': {
        const encrypted = lock.encrypted(userData);
        const askAboutEncryption = userData !== null && !encrypted && !userData.activity.encryptionQuestionAnswered();
        return { ...status, folder: dir, encrypted, locked: userData === null, askAboutEncryption };
      }
      case 'unlockUserData':
        if (userData === null) {
          userData = await lock.unlock(parsed[0] as string);
          reanchorAll(userData, archive);
          status = { recovered: userData.recovered, backupError: userData.backupError };
        }
        return undefined;
      case 'lockUserData':
        lock.lock(userData);
        userData = null;
        return undefined;
      case 'setUserDataEncryption': {
        const switched = await lock.switchEncryption(
          lock.opened(userData),
          parsed[0] as string | null,
          parsed[1] as string | null,
        );
        userData = switched.opened;
        if (switched.error !== null) throw switched.error;
        // Turning encryption on or off answers the first-start question for good.
        userData.activity.answerEncryptionQuestion();
        return undefined;
      }
      default:
        return runUnlocked(method, parsed, lock.opened(userData));
    }
  }

  /** A restore hands back a new handle; it replaces the open one. */
  function replaceOpened(next: UserData): void {
    userData = next;
  }

  async function runUnlocked(
    method: AnnotationMethod,
    parsed: readonly unknown[],
    userData: UserData,
  ): Promise<unknown> {
    switch (method) {
      case 'listAnnotations':
        return listDocumentAnnotations(userData, parsed[0] as string);
      case 'createAnnotation':
        return createAnnotation(userData, archive, parsed[0] as Parameters<typeof createAnnotation>[2]);
      case 'updateAnnotation':
        return updateAnnotation(userData, parsed[0] as string, parsed[1] as Parameters<typeof updateAnnotation>[2]);
      case 'moveAnnotation':
        return moveAnnotation(userData, archive, parsed[0] as string, parsed[1] as { start: number; end: number });
      case 'deleteAnnotation':
        return deleteAnnotation(userData, parsed[0] as string);
      case 'restoreAnnotation':
        return restoreAnnotation(userData, archive, parsed[0] as Annotation);
      case 'searchAnnotations':
        return searchAnnotations(userData, parsed[0] as AnnotationQuery);
      case 'countAnnotations':
        return countAnnotations(userData, parsed[0] as string[]);
      case 'exportAnnotations': {
        const labels = parsed[2] as AnnotationExportLabels | undefined;
        const passphrase = parsed[3] as string | undefined;
        const exported = exportAnnotations(userData, archive, parsed[0] as 'jsonld' | 'markdown' | 'csv', {
          filter: parsed[1] as AnnotationQuery,
          ...(labels ? { labels } : {}),
        });
        return passphrase === undefined ? exported : sealExport(exported, passphrase);
      }
      case 'importAnnotations':
        return importAnnotations(
          userData,
          archive,
          openSealedImport(parsed[0] as string, parsed[1] as string | undefined),
        );
      case 'answerEncryptionQuestion':
        userData.activity.answerEncryptionQuestion();
        return undefined;
      case 'listBackups':
        return userData.listBackups();
      case 'restoreBackup': {
        const restored = await userData.restoreBackup(parsed[0] as string);
        replaceOpened(restored);
        reanchorAll(restored, archive);
        // A successful restore supersedes whatever happened at start.
        status = { recovered: null, backupError: null };
        return undefined;
      }
      // Answered by `call` before the database is needed; never reach here.
      case 'userDataStatus':
      case 'unlockUserData':
      case 'lockUserData':
      case 'setUserDataEncryption':
        return undefined;
      default:
        return runCollectionMethod(userData, method, parsed);
    }
  }

  /**
   * A write the disk refused (full, read-only, I/O error) becomes a sentence naming the folder,
   * with a code the UI words in its language. SQLite rolled the transaction back, so the
   * database keeps its last good state; the UI keeps what the user typed for a retry.
   */
  async function runExplained(method: AnnotationMethod, args: unknown[]): Promise<unknown> {
    try {
      return await run(method, args);
    } catch (error) {
      throw explainWriteFault(error, dir) ?? error;
    }
  }

  return {
    dir,
    call: (method, args) => runExplained(method, args) as never,
    reanchorArchive: (archiveId) =>
      userData ? reanchorArchiveAnnotations(userData, archive, archiveId) : { unchanged: 0, moved: 0, orphaned: 0 },
    close: () => userData?.close(),
  };
}

/**
 * Stands in when the user database could not be opened (a read-only or full notes folder, a
 * database from a newer app...): the archive still opens, and every annotation call answers
 * with the same sentence (worded by code when the disk is at fault) instead of the transport
 * exiting or saying that annotations do not exist here. Nothing is written.
 */
export function unavailableAnnotationService(dir: string, error: unknown): AnnotationService {
  const reason =
    explainWriteFault(error, dir) ??
    new ApiError(
      'Unavailable',
      `Your annotations could not be opened (${dir}): ${error instanceof Error ? error.message : String(error)}`,
    );
  return {
    dir,
    call: () => Promise.reject(reason),
    // No notes could be read, so none are counted; they are re-anchored at the next good start.
    reanchorArchive: () => ({ unchanged: 0, moved: 0, orphaned: 0 }),
    close: () => undefined,
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
