import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { openArchiveSession } from '../core/session/archive-session';
import { defaultCorpusDatabasePath } from '../core/paths';
import os from 'node:os';
import { isLoopbackHost, startServer } from './server';
import { ensureUiBuilt } from './ensure-ui-built';

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
  // how to fix it (the session's status). The library: this corpus plus the archive packs
  // installed in the packs folder, searched together.
  const userDataDir = path.resolve(options.userData ?? defaultUserDataDir());
  const packsDir = path.resolve(options.packs ?? path.join(userDataDir, 'packs'));
  const loopback = isLoopbackHost(options.host);
  // Shared on a network, the archive is read-only: personal notes and pack management stay off.
  const session = openArchiveSession({
    databasePath,
    packsDir,
    userDataDir: loopback ? userDataDir : undefined,
    managesPacks: loopback,
  });
  const startup = session.status();
  if (startup.state === 'error') log(startup.message);
  else for (const problem of session.problems) log(`Left out (could not be opened): ${problem.message}`);
  session.onStatusChange(() => {
    log(`Archive "${session.archive.info.name}" installed; the archive is served now.`);
  });
  if (loopback && session.library) {
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
  }
  // Pack management: the owner's own loopback session only (the server drops it on a network).
  const uploadDir = path.join(userDataDir, 'incoming-packs');
  const packs = session.packs ? { ...session.packs, uploadDir } : undefined;
  if (packs) {
    mkdirSync(uploadDir, { recursive: true });
    log(`Archive packs are kept in ${packsDir}`);
  }
  const server = await startServer({
    archive: session.archive,
    session,
    port: options.port,
    host: options.host,
    staticDir: options.static,
    log,
    ...(session.annotations ? { annotations: session.annotations } : {}),
    ...(packs ? { packs } : {}),
  });
  log(
    startup.state === 'error'
      ? 'The page explains the problem; it is served at:'
      : `Archive "${session.archive.info.name}" (${session.archive.info.documentCount} documents) is served at:`,
  );
  for (const url of server.urls) log(`  ${url}`);
  if (!loopback) {
    log('Anyone on these networks can read it. Shared this way the archive is read-only and annotations are OFF:');
    log('your personal notes never leave this computer. Press Ctrl+C to stop.');
  } else log('Only this computer can open it. Press Ctrl+C to stop.');

  const stop = () => {
    void server.close().finally(() => {
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
