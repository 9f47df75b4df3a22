import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from './types';
import type {
  Annotation,
  AnnotationColour,
  AnnotationChanges,
  AnnotationExportFormat,
  AnnotationQuery,
  BackupInfo,
  ImportSummary,
  NewAnnotation,
  UserDataRecovery,
} from './annotations';
import type {
  ActivitySettings,
  ActivitySettingsChanges,
  Collection,
  NewSavedSearch,
  ReadingPosition,
  ReadingPositionInput,
  SavedSearch,
  SearchHistoryEntry,
  SearchRecord,
} from './collections';
import type { CorpusProblem, LibraryArchive, PackInstallOutcome } from './library';

/**
 * The one contract between the UI and the archive. The Electron preload exposes it
 * as `window.archive` over IPC; browser mode offers it over HTTP. The renderer talks
 * only to this interface and never knows which transport is behind it.
 *
 * Every method rejects with an `ApiErrorPayload`-shaped error on failure.
 */
export interface ArchiveApi {
  /** Whether the corpus and its search index are loaded (they load off the UI thread). */
  status(): Promise<ArchiveStatus>;
  corpusInfo(): Promise<CorpusInfo>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Resolves to null when no document has that id. */
  getDocument(id: string): Promise<DocumentRecord | null>;
  /** URL under which this transport serves the image stored with that asset id. */
  assetUrl(assetId: string): string;
  /**
   * Electron only (absent in browser mode, where a plain link does the job): asks the
   * user to confirm the exact URL, then opens an http(s)/mailto link in the system
   * browser. Resolves whether or not the user confirmed.
   */
  openExternal?(url: string): Promise<void>;
  /**
   * Electron only (browser mode downloads in the page): the native save dialog for a file the
   * page wrote, then the main process writes it.
   */
  saveExport?(content: string, fileName: string): Promise<AnnotationExportResult>;
  /** The bundled corpus and every installed pack, bundled first. */
  listArchives(): Promise<LibraryArchive[]>;
  /**
   * Installing and removing archive packs. Absent where the person at the screen does not own
   * the library (browser mode shared on a network).
   */
  packs?: PacksApi;
  /**
   * The user's own annotations. Absent when this transport offers none (browser mode shared
   * on a network: personal notes never leave the laptop).
   */
  annotations?: AnnotationsApi;
}

/** Headings of a Markdown export, in the UI's language. */
export interface AnnotationExportLabels {
  heading: string;
  documentNotes: string;
  orphaned: string;
  tags: string;
  missingDocument: string;
  moved: string;
  /** "Paragraph" in "Paragraph 3/14": where a passage is. */
  paragraph?: string;
  created?: string;
  modified?: string;
  /** "Collections": the line naming a document's collections and the closing list of them. */
  collections?: string;
  /** The highlight colours' names. */
  colours?: Record<AnnotationColour, string>;
}

/**
 * What an export produced. Browser mode hands the content back (the page downloads it);
 * Electron asks where to save it and writes the file in the main process.
 */
export type AnnotationExportResult =
  | { kind: 'content'; content: string; mime: string; fileName: string }
  | { kind: 'saved'; path: string }
  | { kind: 'cancelled' };

export interface UserDataStatus {
  /** Set when the user database was damaged at start and restored from a backup (or started fresh). */
  recovered: UserDataRecovery | null;
  /** Why the start-up backup failed, else null. */
  backupError: string | null;
  /** The folder that holds the user database, for sentences like "your notes folder (…) is full". */
  folder?: string;
  /** The notes and their backups are encrypted with a passphrase (issue 17). */
  encrypted?: boolean;
  /** Encrypted and not unlocked: every other call rejects with code `locked` until unlockUserData. */
  locked?: boolean;
  /**
   * Plain notes whose owner was never asked whether to encrypt them: the page asks once, at
   * first start (issue 17), until answerEncryptionQuestion or turning encryption on.
   */
  askAboutEncryption?: boolean;
}

/** Highlights, notes and tags; every method validates its arguments at the boundary. */
export interface AnnotationsApi {
  /** A document's annotations in reading order (document-level notes first). */
  listAnnotations(documentId: string): Promise<Annotation[]>;
  createAnnotation(input: NewAnnotation): Promise<Annotation>;
  updateAnnotation(id: string, changes: AnnotationChanges): Promise<Annotation>;
  /** Re-attaches an annotation (typically an orphan) to a new span of its document. */
  moveAnnotation(id: string, span: { start: number; end: number }): Promise<Annotation>;
  /** Resolves false when no annotation had that id. */
  deleteAnnotation(id: string): Promise<boolean>;
  /**
   * Undo of a delete: stores again the annotation `deleteAnnotation` removed, with its own id,
   * times, note and tags (re-anchored in the current text). Rejects when that id exists.
   */
  restoreAnnotation(annotation: Annotation): Promise<Annotation>;
  /** Across the archive, newest first. */
  searchAnnotations(filter: AnnotationQuery): Promise<Annotation[]>;
  /** How many annotations each of these documents carries (documents with none are omitted). */
  countAnnotations(documentIds: string[]): Promise<Record<string, number>>;
  /** With a passphrase, the export is sealed (scrypt + AES-256-GCM) in a file only that passphrase opens. */
  exportAnnotations(
    format: AnnotationExportFormat,
    filter: AnnotationQuery,
    labels?: AnnotationExportLabels,
    passphrase?: string,
  ): Promise<AnnotationExportResult>;
  /**
   * A JSON-LD or CSV export; changes nothing when any item is invalid (the error names it). A sealed
   * export needs its passphrase: without one it rejects with code `passphrase-needed`, with a wrong
   * one with code `wrong-passphrase`.
   */
  importAnnotations(jsonText: string, passphrase?: string): Promise<ImportSummary>;
  listBackups(): Promise<BackupInfo[]>;
  restoreBackup(name: string): Promise<void>;
  userDataStatus(): Promise<UserDataStatus>;
  /** Collections (reading lists), sorted by name, each with its documents in the order added. */
  listCollections(): Promise<Collection[]>;
  createCollection(name: string, documentIds?: string[]): Promise<Collection>;
  renameCollection(id: string, name: string): Promise<Collection>;
  /** Resolves false when no collection had that id; the documents themselves stay. */
  deleteCollection(id: string): Promise<boolean>;
  /** Adds (`member` true) or removes a document; adding one already there changes nothing. */
  setCollectionMembership(id: string, documentId: string, member: boolean): Promise<Collection>;
  listSavedSearches(): Promise<SavedSearch[]>;
  saveSearch(search: NewSavedSearch): Promise<SavedSearch>;
  deleteSavedSearch(id: string): Promise<boolean>;
  /** Whether search history and reading positions are kept (both off until the user turns them on). */
  activitySettings(): Promise<ActivitySettings>;
  /** Turning a setting off erases what it kept. */
  updateActivitySettings(changes: ActivitySettingsChanges): Promise<ActivitySettings>;
  /** Kept only while search history is on; resolves whether it was kept. */
  recordSearch(search: SearchRecord): Promise<boolean>;
  /** Newest first. */
  searchHistory(): Promise<SearchHistoryEntry[]>;
  clearSearchHistory(): Promise<void>;
  /** Kept only while reading positions are on; resolves whether it was kept. */
  saveReadingPosition(position: ReadingPositionInput): Promise<boolean>;
  readingPosition(documentId: string): Promise<ReadingPosition | null>;
  /** The documents read most recently, newest first ("continue reading"). */
  recentReading(): Promise<ReadingPosition[]>;
  /** Encrypted user data (issue 17): opens it; rejects with code `wrong-passphrase`, changing nothing. */
  unlockUserData(passphrase: string): Promise<void>;
  /** Closes the encrypted user database and drops its passphrase; calls then reject with code `locked`. */
  lockUserData(): Promise<void>;
  /** Turns encryption on (`current` null) or off (`next` null); every note and backup is rewritten. */
  setUserDataEncryption(current: string | null, next: string | null): Promise<void>;
  /** The owner answered the first-start question about encryption ("not now"); it is not asked again. */
  answerEncryptionQuestion(): Promise<void>;
}

export type ArchiveStatus =
  | { state: 'loading' }
  /** `problems`: archives that could not be opened while others could (e.g. a damaged bundled corpus beside a pack). */
  | { state: 'ready'; problems?: CorpusProblem[] }
  /** Nothing could be opened; `problem` says what is wrong with the bundled corpus when that is known. */
  | { state: 'error'; message: string; problem?: CorpusProblem };

/**
 * What the user allowed after an install answered with a question: `allowDowngrade` after
 * `confirm-downgrade`, `allowUntrusted` (an unsigned pack or an unknown key) after `confirm-publisher`.
 */
export interface PackInstallPermissions {
  allowDowngrade?: boolean;
  allowUntrusted?: boolean;
}

/** Archive packs: verified before anything is installed; refusals reject with a sentence naming the reason. */
export interface PacksApi {
  /** Electron: File → Open archive pack… (a file dialog). Resolves null when the user cancels. */
  chooseAndInstall?: (options?: PackInstallPermissions) => Promise<PackInstallOutcome | null>;
  /**
   * A pack file dropped on the window or picked in the page. `signature`: its `.minisig`, when
   * the user handed it too (HTTP only: Electron reads the one beside the file on disk).
   */
  installFile: (file: File, options?: PackInstallPermissions & { signature?: File }) => Promise<PackInstallOutcome>;
  /** Removes an installed pack; its annotations stay (as orphans) until it is installed again. */
  removeArchive: (id: string) => Promise<void>;
}
