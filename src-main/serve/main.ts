import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { Archive } from '../core/archive';
import { LibraryUnavailableError, openLibrary, type ArchiveReanchor, type Library } from '../core/library';
import { diagnoseCorpusDatabase } from '../core/store/corpus-diagnosis';
import { unavailableArchive } from '../core/unavailable-archive';
import { archiveOnceLibraryHasOne } from '../core/empty-library-archive';
import { annotationServiceOnceArchiveOpens } from '../core/deferred-annotation-service';
import type { PackInstallOutcome } from '../common/library';
import type { ArchiveStatus } from '../common/api';
import { defaultCorpusDatabasePath } from '../core/paths';
import os from 'node:os';
import { isLoopbackHost, startServer } from './server';
import {
  openAnnotationService,
  unavailableAnnotationService,
  type AnnotationService,
} from '../core/annotation-service';
import { ensureUiBuilt } from './ensure-ui-built';
import { printJoinInfo } from './join-info';

/**
 * `npm run serve`: shares the archive with browsers (this machine by default, a local
 * network with `--host 0.0.0.0`). Read-only; it never fetches anything.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number between 0 and 65535 (0 = any free port).');
  }
  return port;
}

const program = new Command()
  .name('serve')
  .description('Serve the archive and its reader to web browsers (browser mode).')
  .option('--db <file>', 'corpus database to serve (default: the bundled corpus)')
  .option('--port <n>', 'port to listen on; 0 picks any free port', parsePort, 8080)
  .option('--host <address>', 'address to listen on; 0.0.0.0 shares on every network', '127.0.0.1')
  .option('--static <dir>', 'built UI folder', path.join(repoRoot, 'dist/renderer'))
  .option('--user-data <dir>', 'folder of your annotations (default: a per-user folder of this computer)')
  .option('--packs <dir>', 'folder of installed archive packs (default: packs/ in the --user-data folder)')
  .option('--no-build', 'do not build the UI when it is missing or stale');

program.parse();
const options = program.opts<{
  db?: string;
  port: number;
  host: string;
  static: string;
  build: boolean;
  userData?: string;
  packs?: string;
}>();

/** Where the user's annotations live by default, following each OS's convention for per-user app data. */
function defaultUserDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'archivo-offline');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'archivo-offline');
  return path.join(process.env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'archivo-offline');
}
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const databasePath = path.resolve(options.db ?? defaultCorpusDatabasePath());
  if (!existsSync(databasePath)) log(`No corpus database at ${databasePath}. Build one with: npm run build:corpus`);
  if (options.build) await ensureUiBuilt(repoRoot, options.static, log);
  // A corpus that cannot be opened does not stop the server: the page shows what is wrong and
  // how to fix it. The annotations database is then not opened at all, so it stays untouched.
  // The library: this corpus plus the archive packs installed in the packs folder, searched together.
  const userDataDir = path.resolve(options.userData ?? defaultUserDataDir());
  const packsDir = path.resolve(options.packs ?? path.join(userDataDir, 'packs'));
  let archive: Archive;
  let library: Library | undefined;
  let startupError: Extract<ArchiveStatus, { state: 'error' }> | undefined;
  try {
    // allowEmpty: with nothing openable the library still opens, empty, so the owner can install
    // a pack from the start-up screen; the status stays an error until one is installed.
    library = openLibrary({ bundledDatabasePath: databasePath, packsDir, allowEmpty: true });
    archive = library.archive;
    if (library.list().length === 0) {
      const problem =
        library.problems[0] ?? diagnoseCorpusDatabase(databasePath, new Error('no archive could be opened'));
      const message = `The archive could not be opened: ${problem.message}`;
      log(message);
      startupError = { state: 'error', message, problem };
      archive = archiveOnceLibraryHasOne(library, message);
    } else {
      for (const problem of library.problems) log(`Left out (could not be opened): ${problem.message}`);
    }
  } catch (error) {
    const problem =
      error instanceof LibraryUnavailableError && error.problem
        ? error.problem
        : diagnoseCorpusDatabase(databasePath, error);
    const message = `The archive could not be opened: ${problem.message}`;
    log(message);
    startupError = { state: 'error', message, problem };
    archive = unavailableArchive(message);
  }
  const loopback = isLoopbackHost(options.host);
  let annotations: AnnotationService | undefined;
  // Nothing open yet: the notes wait for the first pack (opening re-anchors every note, which
  // against an empty library would orphan them all), so user.sqlite stays untouched until then.
  const deferred =
    loopback && startupError && library ? annotationServiceOnceArchiveOpens(userDataDir, library) : undefined;
  if (deferred) {
    annotations = deferred;
    log(`Your annotations are kept in ${userDataDir} (opened once an archive is)`);
  }
  if (loopback && !startupError) {
    const dir = userDataDir;
    try {
      annotations = await openAnnotationService(dir, archive);
    } catch (error) {
      // A read-only or full notes folder must not stop the archive: reading still works, and
      // every annotation call says why notes are unavailable.
      annotations = unavailableAnnotationService(dir, error);
      log(`Your annotations could not be opened (${dir}): ${error instanceof Error ? error.message : String(error)}`);
    }
    log(`Your annotations are kept in ${dir}`);
    const status = await annotations.call('userDataStatus', []).catch(() => null);
    if (status?.recovered) {
      log(
        `The annotations database was damaged and was ${status.recovered.from ? `restored from the backup ${status.recovered.from}` : 'started afresh'}; the damaged file is kept at ${status.recovered.corruptFileKeptAt}`,
      );
    }
    if (status?.backupError) log(`Warning: the start-up backup of your annotations failed: ${status.backupError}`);
  }
  // Pack management: the owner's own loopback session only (the server drops it on a network).
  const opened = annotations;
  const reanchor: ArchiveReanchor | undefined = opened ? (archiveId) => opened.reanchorArchive(archiveId) : undefined;
  const withReanchor = reanchor ? { reanchor } : {};
  const uploadDir = path.join(userDataDir, 'incoming-packs');
  const installPack = async (
    lib: Library,
    packPath: string,
    installOptions: { allowDowngrade: boolean },
  ): Promise<PackInstallOutcome> => {
    const wasEmpty = lib.list().length === 0;
    const outcome = await lib.install(packPath, { ...installOptions, ...withReanchor });
    if (!wasEmpty || lib.list().length === 0 || !deferred) return outcome;
    // The first archive of an empty library: the notes open now (re-anchored against it), then
    // this pack's are counted.
    log(`Archive "${lib.archive.info.name}" installed; the archive is served now.`);
    await deferred.openIfArchive();
    return outcome.kind === 'confirm-downgrade'
      ? outcome
      : { ...outcome, annotations: deferred.reanchorArchive(outcome.archive.id) };
  };
  const packs =
    library && loopback
      ? {
          install: (packPath: string, installOptions: { allowDowngrade: boolean }) =>
            installPack(library, packPath, installOptions),
          remove: async (id: string) => {
            await library.remove(id, withReanchor);
          },
          uploadDir,
        }
      : undefined;
  if (packs) {
    mkdirSync(uploadDir, { recursive: true });
    log(`Archive packs are kept in ${packsDir}`);
  }
  const server = await startServer({
    archive,
    port: options.port,
    host: options.host,
    staticDir: options.static,
    log,
    ...(annotations ? { annotations } : {}),
    ...(startupError ? { startupError } : {}),
    ...(library ? { library } : {}),
    ...(packs ? { packs } : {}),
  });
  log(
    startupError
      ? 'The page explains the problem; it is served at:'
      : `Archive "${archive.info.name}" (${archive.info.documentCount} documents) is served at:`,
  );
  for (const url of server.urls) log(`  ${url}`);
  await printJoinInfo(options.host, Number(new URL(server.url).port), log);
  if (!loopback) {
    log('Anyone on these networks can read it. Shared this way the archive is read-only and annotations are OFF:');
    log('your personal notes never leave this computer. Press Ctrl+C to stop.');
  } else log('Only this computer can open it. Press Ctrl+C to stop.');

  const stop = () => {
    void server.close().finally(() => {
      annotations?.close();
      if (library) library.close();
      else archive.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
