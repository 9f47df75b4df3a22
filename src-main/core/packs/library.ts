import { existsSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type {
  CorpusProblem,
  LibraryArchive,
  PackInstallOutcome,
  PackManifest,
  PackPublisher,
} from '../../common/library';
import { BUNDLED_ARCHIVE_ID } from '../../common/library';
import { ApiError } from '../../common/errors';
import type { CorpusInfo } from '../../common/types';
import { openArchive, type Archive } from '../store/archive';
import { diagnoseCorpusDatabase } from '../store/corpus-diagnosis';
import { CORPUS_SCHEMA_VERSION } from '../store/corpus-schema';
import { describeError } from '../db/open-database';
import { compareVersions, PackError, readPack } from './index';
import { createFileHasher } from './minisign';
import { judgePackSignature, readPackSignature, refusalOfSignedPack } from './pack-signature';
import { qualifyDocumentId, qualifyDocumentLinks, splitDocumentId } from './document-ids';
import {
  installedManifestText,
  installedPackFiles,
  readInstalledManifest,
  scanInstalledPacks,
  writeFileAtomically,
  type InstalledPackFiles,
} from './installed-packs';
import { searchArchives } from './merged-search';
import { sha256File } from './file-hash';
import { decideTrust, keepRotationStatements, trustedKeysFor } from './pack-trust';
import { loadPublishers, PUBLISHERS_FILE } from './publishers';
import path from 'node:path';
import { spanishCollator } from '../search/spanish-collator';

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
  /**
   * Open even when no archive at all could be opened (`list()` empty, `problems` says why), so
   * the user can still install a pack from the start-up screen. Without it, that throws
   * `LibraryUnavailableError`.
   */
  allowEmpty?: boolean;
  /**
   * The installer's trusted publishers and policy (`publishers.json`, see packs/publishers.ts).
   * Default: beside the bundled corpus; none (every pack asks the user first) when there is no such file.
   */
  publishersFile?: string | null;
  /**
   * A reader beside the process that installs packs (browser mode's search threads): it only
   * reads the packs folder and never repairs it. Repairing removes `.incoming-*` files, and a
   * reader that opens while an install is under way would delete the pack being installed.
   */
  readOnly?: boolean;
}

export interface PackInstallOptions {
  /** Install an older version over a newer one (after the user confirmed). */
  allowDowngrade?: boolean;
  /** Install an unsigned pack or one from an unknown key (after the user confirmed its fingerprint). */
  allowUntrusted?: boolean;
  /** The pack's minisign signature; default `<pack>.minisig` beside it. */
  signaturePath?: string;
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

/** One archive the library has open. */
interface OpenArchive {
  id: string;
  kind: LibraryArchive['kind'];
  archive: Archive;
  /** Installed packs only: their files and stored manifest (null when it was lost). */
  files: InstalledPackFiles | null;
  manifest: PackManifest | null;
  /** Who signed an installed pack, as checked at install (null: installed before signatures). */
  publisher: PackPublisher | null;
}

const NO_ANNOTATIONS: PackAnnotationCounts = { unchanged: 0, moved: 0, orphaned: 0 };

/**
 * Opens the bundled corpus and every pack installed in `packsDir`. A broken archive is
 * skipped and reported in `problems` (with `diagnoseCorpusDatabase`'s precise code); throws
 * `LibraryUnavailableError` only when nothing at all could be opened (unless `allowEmpty`).
 */
export function openLibrary(options: LibraryOptions): Library {
  const { packsDir } = options;
  const publishersFile =
    options.publishersFile !== undefined
      ? options.publishersFile
      : options.bundledDatabasePath === null
        ? null
        : path.join(path.dirname(options.bundledDatabasePath), PUBLISHERS_FILE);
  // Read once: a damaged file must stop installs (thrown at install), never mean "trust anyone".
  let publishersError: Error | null = null;
  const publishers = loadPublishersSafely();
  function loadPublishersSafely(): ReturnType<typeof loadPublishers> {
    try {
      return loadPublishers(publishersFile);
    } catch (error) {
      publishersError = error instanceof Error ? error : new Error(String(error));
      return { publishers: [], unsignedPacks: 'refuse', unknownKeys: 'refuse' };
    }
  }
  let problems: CorpusProblem[] = [];
  let bundled: OpenArchive | null = null;
  const packs = new Map<string, OpenArchive>();

  if (options.bundledDatabasePath !== null) {
    try {
      bundled = {
        id: BUNDLED_ARCHIVE_ID,
        kind: 'bundled',
        archive: openArchive(options.bundledDatabasePath),
        files: null,
        manifest: null,
        publisher: null,
      };
    } catch (error) {
      problems.push(diagnoseCorpusDatabase(options.bundledDatabasePath, error));
    }
  }
  let installed: InstalledPackFiles[] = [];
  try {
    installed = scanInstalledPacks(packsDir, { repair: options.readOnly !== true });
  } catch (error) {
    problems.push({
      code: 'unreadable',
      path: packsDir,
      message: `The packs folder ${packsDir} cannot be read: ${describeError(error)}`,
    });
  }
  for (const files of installed) {
    try {
      packs.set(files.id, openPack(files));
    } catch (error) {
      problems.push(diagnoseCorpusDatabase(files.database, error));
    }
  }
  if (bundled === null && packs.size === 0 && options.allowEmpty !== true) {
    const first = problems[0];
    throw new LibraryUnavailableError(
      first
        ? `No archive could be opened: ${first.message}`
        : 'No archive could be opened: there is no bundled corpus and no pack installed',
      problems,
    );
  }

  /** Bundled first, then packs by name (then id): the order of lists, merges and ties. */
  function ordered(): OpenArchive[] {
    const sortedPacks = [...packs.values()].sort(
      (a, b) =>
        spanishCollator.compare(a.archive.info.name, b.archive.info.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return bundled ? [bundled, ...sortedPacks] : sortedPacks;
  }

  function find(id: string): OpenArchive | undefined {
    return id === BUNDLED_ARCHIVE_ID ? (bundled ?? undefined) : packs.get(id);
  }

  const archive: Archive = {
    get info(): CorpusInfo {
      return (bundled ?? ordered()[0])?.archive.info ?? emptyInfo();
    },
    search(request, options) {
      const wanted = request.filters?.archive;
      const all = ordered();
      const selected = wanted && wanted.length > 0 ? all.filter((entry) => wanted.includes(entry.id)) : all;
      return searchArchives(
        selected,
        request,
        options,
        all.filter((entry) => !selected.includes(entry)),
      );
    },
    getDocument(id) {
      const { archiveId, documentId } = splitDocumentId(id);
      const entry = find(archiveId);
      const document = entry?.archive.getDocument(documentId) ?? null;
      if (document === null) return null;
      if (archiveId === BUNDLED_ARCHIVE_ID) return document;
      return {
        ...document,
        id: qualifyDocumentId(archiveId, document.id),
        html: qualifyDocumentLinks(document.html, archiveId),
      };
    },
    getAsset(id) {
      // Assets are named by their content hash: whichever archive has it has the same bytes.
      for (const entry of ordered()) {
        const asset = entry.archive.getAsset(id);
        if (asset) return asset;
      }
      return null;
    },
    close() {
      for (const entry of ordered()) entry.archive.close();
    },
  };

  // Installs and removals run one at a time: each sees the state the previous one left.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function install(packPath: string, installOptions: PackInstallOptions): Promise<PackInstallOutcome> {
    if (publishersError) throw publishersError;
    const keys = trustedKeysFor(publishers, packsDir, path.dirname(path.resolve(packPath)));
    const signatureFile = readPackSignature(packPath, installOptions.signaturePath);
    // Verified completely (and extracted next to its final place) before anything changes. The
    // signature's hash is computed on the same read, so what is checked is what is installed.
    const hasher = createFileHasher();
    const verified = await readPack(packPath, {
      workDir: packsDir,
      onBytes: (chunk) => {
        hasher.update(chunk);
      },
    }).catch(async (refusal: unknown) => {
      throw await refusalOfSignedPack(refusal, packPath, signatureFile, keys.keys);
    });
    try {
      const { manifest } = verified;
      const publisher = judgePackSignature(packPath, signatureFile, hasher.digest(), keys.keys);
      const offered = { ...describeArchive(manifest.id, 'pack', verified.info), publisher };
      const decision = decideTrust(publishers, publisher, manifest, packPath);
      if (decision === 'confirm' && installOptions.allowUntrusted !== true) {
        return { kind: 'confirm-publisher', offered, publisher };
      }
      const existing = packs.get(manifest.id);
      const order = existing ? compareVersions(manifest.version, existing.archive.info.version) : 1;
      if (existing && order === 0 && (await installedHash(existing)) === manifest.database.sha256) {
        throw new PackError(
          'already-installed',
          `${packPath}: "${manifest.name}" version ${manifest.version} is installed already.`,
          packPath,
        );
      }
      if (existing && order < 0 && installOptions.allowDowngrade !== true) {
        return {
          kind: 'confirm-downgrade',
          installed: describeArchive(existing.id, 'pack', existing.archive.info),
          offered,
        };
      }
      const files = installedPackFiles(packsDir, manifest.id);
      const opened = replacePackFiles(files, verified.databasePath, manifest, publisher, existing);
      keepRotationStatements(packsDir, keys.usedStatements);
      packs.set(manifest.id, opened);
      problems = problems.filter((problem) => problem.path !== files.database);
      const annotations = installOptions.reanchor?.(manifest.id) ?? NO_ANNOTATIONS;
      return {
        kind: existing === undefined ? 'installed' : order < 0 ? 'downgraded' : 'upgraded',
        archive: { ...describeArchive(manifest.id, 'pack', opened.archive.info), publisher },
        previousVersion: existing?.archive.info.version ?? null,
        annotations,
      };
    } finally {
      verified.discard();
    }
  }

  /**
   * Swaps in a verified database: the old files are moved aside (`.replaced-*`), the new ones
   * renamed into place and opened; only then are the old ones deleted. Any failure puts the old
   * files back and reopens them. A crash in between is repaired by the next start's scan.
   */
  function replacePackFiles(
    files: InstalledPackFiles,
    incoming: string,
    manifest: PackManifest,
    publisher: PackPublisher,
    existing: OpenArchive | undefined,
  ): OpenArchive {
    const tag = randomBytes(6).toString('hex');
    const movedAside: Array<[string, string]> = [];
    let movedIn = false;
    existing?.archive.close();
    try {
      for (const file of [files.database, files.manifest]) {
        if (!existsSync(file)) continue;
        const aside = `${file}.replaced-${tag}`;
        renameSync(file, aside);
        movedAside.push([file, aside]);
      }
      renameSync(incoming, files.database);
      movedIn = true;
      writeFileAtomically(files.manifest, installedManifestText(manifest, publisher));
      const opened = openPack(files);
      for (const [, aside] of movedAside) rmSync(aside, { force: true });
      return opened;
    } catch (error) {
      if (movedIn) {
        rmSync(files.database, { force: true });
        rmSync(files.manifest, { force: true });
      }
      for (const [file, aside] of movedAside) renameSync(aside, file);
      if (existing) {
        try {
          packs.set(existing.id, openPack(files));
        } catch {
          packs.delete(existing.id);
        }
      }
      throw new Error(`Could not install the pack into ${packsDir}: ${describeError(error)}`, { cause: error });
    }
  }

  function remove(id: string, removeOptions: { reanchor?: ArchiveReanchor }): PackAnnotationCounts {
    if (id === BUNDLED_ARCHIVE_ID)
      throw new ApiError('InvalidArgument', 'The archive bundled with the app cannot be removed.');
    const files = installedPackFiles(packsDir, id);
    const entry = packs.get(id);
    if (entry === undefined && !existsSync(files.database))
      throw new ApiError('NotFound', `No pack "${id}" is installed.`);
    entry?.archive.close();
    packs.delete(id);
    rmSync(files.database, { force: true });
    rmSync(files.manifest, { force: true });
    problems = problems.filter((problem) => problem.path !== files.database);
    return removeOptions.reanchor?.(id) ?? NO_ANNOTATIONS;
  }

  return {
    archive,
    list: () =>
      ordered().map((entry) => {
        const described = describeArchive(entry.id, entry.kind, entry.archive.info);
        if (entry.kind !== 'pack') return described;
        return entry.publisher ? { ...described, publisher: entry.publisher } : described;
      }),
    get problems() {
      return [...problems];
    },
    install: (packPath, installOptions = {}) => serial(() => install(packPath, installOptions)),
    remove: (id, removeOptions = {}) => serial(() => Promise.resolve().then(() => remove(id, removeOptions))),
    close: () => archive.close(),
  };
}

function openPack(files: InstalledPackFiles): OpenArchive {
  const archive = openArchive(files.database);
  const stored = readInstalledManifest(files);
  // A manifest that does not describe this database (a crash between the two renames) is ignored.
  const matches =
    stored !== null &&
    stored.manifest.version === archive.info.version &&
    stored.manifest.buildDate === archive.info.buildDate;
  return {
    id: files.id,
    kind: 'pack',
    archive,
    files,
    manifest: matches ? stored.manifest : null,
    publisher: matches ? stored.publisher : null,
  };
}

async function installedHash(entry: OpenArchive): Promise<string | null> {
  if (entry.manifest) return entry.manifest.database.sha256;
  return entry.files ? sha256File(entry.files.database) : null;
}

function describeArchive(id: string, kind: LibraryArchive['kind'], info: CorpusInfo): LibraryArchive {
  return {
    id,
    kind,
    name: info.name,
    version: info.version,
    buildDate: info.buildDate,
    schemaVersion: info.schemaVersion,
    documentCount: info.documentCount,
  };
}

/** What `info` says when every archive was removed and the bundled one is broken. */
function emptyInfo(): CorpusInfo {
  return { name: '', version: '', buildDate: '', schemaVersion: CORPUS_SCHEMA_VERSION, documentCount: 0 };
}
