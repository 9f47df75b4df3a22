import type { CorpusProblem, LibraryArchive, PackInstallOutcome } from '../common/library';
import type { Archive } from './archive';

/** Annotation counts an install or removal reports for the pack's documents. */
export type PackAnnotationCounts = { unchanged: number; moved: number; orphaned: number };

/**
 * Re-anchors the user's annotations on one archive's documents after it changed (installed,
 * upgraded, removed) and counts them. The annotation service provides it
 * (`service.reanchorArchive`); without one, the counts are zero.
 */
export type ArchiveReanchor = (archiveId: string) => PackAnnotationCounts;

export interface LibraryOptions {
  /** The corpus shipped with the app; null when there is none (packs only). */
  bundledDatabasePath: string | null;
  /** Where installed packs live (`<id>.sqlite` + `<id>.json`); created when missing. */
  packsDir: string;
}

export interface PackInstallOptions {
  /** Install an older version over a newer one (after the user confirmed). */
  allowDowngrade?: boolean;
  reanchor?: ArchiveReanchor;
}

export interface Library {
  /**
   * The merged view of every open archive, with `openArchive`'s interface. The SAME object for
   * the library's whole life (the annotation service and transports hold it); it delegates to
   * whatever set of archives is installed at the moment of each call.
   */
  readonly archive: Archive;
  /** Bundled first, then packs by name. */
  list(): LibraryArchive[];
  /** Archives that could not be opened (at start, or a pack that broke since). */
  readonly problems: CorpusProblem[];
  /**
   * Verifies the pack file completely, then installs it (or answers `confirm-downgrade`).
   * Refusals reject with a `PackError`; on any failure the installed set is as it was.
   * Calls are serialised.
   */
  install(packPath: string, options?: PackInstallOptions): Promise<PackInstallOutcome>;
  /** Closes and deletes an installed pack; `bundled` cannot be removed. */
  remove(id: string, options?: { reanchor?: ArchiveReanchor }): Promise<PackAnnotationCounts>;
  close(): void;
}

/** Thrown by `openLibrary` when not a single archive could be opened. */
export class LibraryUnavailableError extends Error {
  override readonly name = 'LibraryUnavailableError';

  constructor(
    message: string,
    /** What is wrong with each archive that was tried (the bundled corpus first). */
    readonly problems: CorpusProblem[],
  ) {
    super(message);
  }

  /** The bundled corpus's problem, or the first one. */
  get problem(): CorpusProblem | undefined {
    return this.problems[0];
  }
}

/**
 * Opens the bundled corpus and every pack installed in `packsDir`. A broken archive is
 * skipped and reported in `problems`; throws `LibraryUnavailableError` only when nothing at
 * all could be opened. (Implementation follows in this file.)
 */
export function openLibrary(options: LibraryOptions): Library {
  void options;
  throw new Error('openLibrary: not implemented yet');
}
