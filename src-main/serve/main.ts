import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { Archive } from '../core/store/archive';
import type { Library } from '../core/packs/library';
import { openArchiveSession } from '../core/session/archive-session';
import { defaultCorpusDatabasePath } from '../core/store/paths';
import { defaultUserDataFolder } from '../core/userdata/default-folder';
import { isLoopbackHost, startServer } from './server';
import { ensureUiBuilt } from './ensure-ui-built';
import { isValidAllowedHost } from './host-guard';
import { createSearchPool, type SearchRunner } from './search-pool';
import { limitSearchHeapGrowth } from '../common/search-thread-limits';
import { printJoinInfo } from './join-info';
import { searchPoolStartedInBackground } from './background-search-pool';
import type { ArchiveSession } from '../core/session/archive-session';
import { markStart } from './start-trace';

markStart('bundle evaluated');

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

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('expected a whole number of 0 or more.');
  return count;
}

function parsePositive(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return count;
}

function collectAllowedHost(value: string, previous: string[]): string[] {
  if (!isValidAllowedHost(value))
    throw new InvalidArgumentError('expected a host name such as archivo.lan (no scheme, port or path).');
  return [...previous, value];
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
  .option(
    '--allowed-host <name>',
    'shared on a network: also answer to this host name (repeatable; IP addresses and localhost always work)',
    collectAllowedHost,
    [],
  )
  .option(
    '--searches-per-address <n>',
    'searches one device may have running or waiting at once (raise it behind a NAT or for a load test)',
    parsePositive,
    4,
  )
  .option(
    '--connections-per-address <n>',
    'connections one device may hold open (default 32; raise it for a load test from one address)',
    parsePositive,
  )
  .option('--max-connections <n>', 'connections the server holds at once (default 200)', parsePositive)
  .option(
    '--search-threads <n>',
    'worker threads for searches (default: one per core; 0 runs them on the main thread, for comparison)',
    parseCount,
  )
  .option('--no-search-cache', 'run every search, even one just answered (for a benchmark baseline)')
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
  allowedHost: string[];
  searchesPerAddress: number;
  searchThreads?: number;
  connectionsPerAddress?: number;
  maxConnections?: number;
  searchCache: boolean;
}>();

const log = (line: string) => console.log(line);

/**
 * While the library is empty (the start-up screen) searches answer the main thread's archive,
 * which says why nothing can be searched; once a pack is installed, the pool's workers do.
 */
function searchInPoolOnceOpen(library: Library, archive: Archive, pool: SearchRunner): SearchRunner {
  return {
    run: (request) =>
      library.list().length === 0 ? Promise.resolve().then(() => archive.search(request)) : pool.run(request),
    warmUp: () => pool.warmUp(),
    libraryChanged: () => {
      pool.libraryChanged();
    },
    close: () => pool.close(),
  };
}

/**
 * Without a search before then, the pool's threads start this long after the server does. Not
 * sooner: on a loaded laptop the first page can take seconds, and the workers' start would
 * compete with it (measured at a load average of 41: 230 → 500 ms of CPU by the first search).
 */
const POOL_IDLE_START_MS = 2_000;
/**
 * The notes open this long after listening unless an annotation call opens them first. Opening
 * them costs about 100 ms of CPU (migrations and the start-up backup, measured at a load average
 * of 16); at 250 ms it often ran just before a loaded machine's first search and delayed it by as
 * much. An owner's page asks for its notes on load, which opens them at once.
 */
const ANNOTATIONS_IDLE_OPEN_MS = 2_000;

/**
 * Opens the user's annotations shortly after the server listens (an owner's annotation call
 * opens them sooner, on demand) and says what happened: where they are kept, a damaged
 * database restored from its backup, a failed start-up backup.
 */
function reportAnnotationsWhenIdle(session: ArchiveSession, userDataDir: string): void {
  const report = async (): Promise<void> => {
    try {
      const status = await session.openAnnotations();
      if (status === null) log(`Your annotations are kept in ${userDataDir} (opened once an archive is)`);
      else {
        log(`Your annotations are kept in ${userDataDir}`);
        if (status.recovered) {
          const how = status.recovered.from ? `restored from the backup ${status.recovered.from}` : 'started afresh';
          log(
            `The annotations database was damaged and was ${how}; the damaged file is kept at ${status.recovered.corruptFileKeptAt}`,
          );
        }
        if (status.backupError) log(`Warning: the start-up backup of your annotations failed: ${status.backupError}`);
      }
    } catch (error) {
      // A read-only or full notes folder must not stop the archive: reading still works, and
      // every annotation call says why notes are unavailable.
      log(
        `Your annotations could not be opened (${userDataDir}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  setTimeout(() => void report(), ANNOTATIONS_IDLE_OPEN_MS).unref();
}

async function main(): Promise<void> {
  const databasePath = path.resolve(options.db ?? defaultCorpusDatabasePath());
  if (!existsSync(databasePath)) log(`No corpus database at ${databasePath}. Build one with: npm run build:corpus`);
  if (options.build) ensureUiBuilt(repoRoot, options.static, log);
  // A corpus that cannot be opened does not stop the server: the page shows what is wrong and
  // how to fix it (the session's status). The library: this corpus plus the archive packs
  // installed in the packs folder, searched together.
  const userDataDir = path.resolve(options.userData ?? defaultUserDataFolder());
  const packsDir = path.resolve(options.packs ?? path.join(userDataDir, 'packs'));
  const loopback = isLoopbackHost(options.host);
  // Shared on a network, the archive is read-only: personal notes and pack management stay off.
  const session = openArchiveSession({
    databasePath,
    packsDir,
    userDataDir: loopback ? userDataDir : undefined,
    managesPacks: loopback,
  });
  markStart('archive open');
  const startup = session.status();
  if (startup.state === 'error') log(startup.message);
  else for (const problem of session.problems) log(`Left out (could not be opened): ${problem.message}`);
  session.onStatusChange(() => {
    log(`Archive "${session.archive.info.name}" installed; the archive is served now.`);
  });
  // Pack management: the owner's own loopback session only (the server drops it on a network).
  const uploadDir = path.join(userDataDir, 'incoming-packs');
  // Searches run in worker threads that open the library themselves (read-only): one query,
  // however expensive, cannot hold up status, pages or other clients (see search-pool.ts).
  const threads = options.searchThreads;
  // Without a pool this thread runs every search, for the server's whole life: it takes the search
  // threads' heap growth at once (scripts/serve.mjs starts it at V8's defaults; a pool sets it).
  if (threads === 0) limitSearchHeapGrowth();
  const library = session.library;
  // The pool starts after listening (see background-search-pool.ts): the first searches run here.
  const searchRunner: SearchRunner | undefined =
    library && threads !== 0
      ? searchInPoolOnceOpen(
          library,
          session.archive,
          searchPoolStartedInBackground({
            createPool: () =>
              createSearchPool({ bundledDatabasePath: databasePath, packsDir, ...(threads ? { threads } : {}) }),
            archive: session.archive,
            idleStartMs: POOL_IDLE_START_MS,
            log,
          }),
        )
      : undefined;
  // Installing or removing a pack changes what the pool's workers must open.
  const sessionPacks = session.packs;
  const packs = sessionPacks
    ? {
        install: async (packPath: string, installOptions: { allowDowngrade: boolean; allowUntrusted: boolean }) => {
          const outcome = await sessionPacks.install(packPath, installOptions);
          searchRunner?.libraryChanged();
          return outcome;
        },
        remove: async (id: string) => {
          await sessionPacks.remove(id);
          searchRunner?.libraryChanged();
        },
        uploadDir,
      }
    : undefined;
  if (packs) {
    mkdirSync(uploadDir, { recursive: true });
    log(`Archive packs are kept in ${packsDir}`);
  }
  const server = await startServer({
    archive: session.archive,
    ...(startup.state === 'error' ? { startupError: startup } : {}),
    ...(session.library ? { library: session.library } : {}),
    port: options.port,
    host: options.host,
    staticDir: options.static,
    log,
    ...(session.annotations ? { annotations: session.annotations } : {}),
    ...(packs ? { packs } : {}),
    ...(searchRunner ? { searchRunner } : {}),
    allowedHosts: options.allowedHost,
    maxSearchesPerAddress: options.searchesPerAddress,
    searchCache: options.searchCache,
    limits: {
      ...(options.connectionsPerAddress ? { maxConnectionsPerAddress: options.connectionsPerAddress } : {}),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    },
    privatePaths: [databasePath, userDataDir, packsDir, path.dirname(databasePath)],
  });
  markStart('listening');
  log(
    startup.state === 'error'
      ? 'The page explains the problem; it is served at:'
      : `Archive "${session.archive.info.name}" (${session.archive.info.documentCount} documents) is served at:`,
  );
  if (loopback) {
    log(`  ${server.ownerUrl}`);
    log("Open this address (it carries this start's key to your notes and packs; it changes at every start).");
  } else for (const url of server.urls) log(`  ${url}`);
  // Listening already: opening the notes (a start-up backup, migrations) no longer delays the first page.
  if (loopback && session.library) reportAnnotationsWhenIdle(session, userDataDir);
  await printJoinInfo(options.host, Number(new URL(server.url).port), log);
  if (!loopback) {
    log('Anyone on these networks can read it. Shared this way the archive is read-only and annotations are OFF:');
    log('your personal notes never leave this computer. Press Ctrl+C to stop.');
  } else log('Only this computer can open it. Press Ctrl+C to stop.');

  const stop = () => {
    void Promise.all([server.close(), searchRunner?.close()]).finally(() => {
      session.close();
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
