import { spawn, spawnSync } from 'node:child_process';
import { cliBundle, ensureFreshBundles, repoRoot, serveBundle, testKdfServeBundle } from './bundles';

/**
 * The one way tests start browser mode and run the corpus CLI as separate processes.
 *
 * Both run the esbuild bundles `npm run serve` and `npm run corpus` run (dist/serve/serve.mjs,
 * dist/cli/corpus.mjs), rebuilt first when older than their sources (./bundles.ts), so a test
 * always exercises the current code without paying a tsx compile at every child start.
 */
export { repoRoot };

export interface ServeOptions {
  database: string;
  /** Annotations live here: always a temp folder, never the real per-user one. */
  userData: string;
  /** A built UI folder other than the default dist/renderer. */
  staticDir?: string;
  extraArgs?: string[];
  /**
   * Derive the notes' keys with the test iteration count (./serve-with-test-kdf.ts): for specs of
   * encrypted notes, where what is checked does not depend on how slow PBKDF2 is. Default: the
   * shipped server, with SQLCipher 4's count.
   */
  testKdf?: boolean;
}

/** The argv (after node) of a browser-mode server on a free port; the offline proof traces this same command. */
export function serveArgs({ database, userData, staticDir, extraArgs = [], testKdf = false }: ServeOptions): string[] {
  return [
    testKdf ? testKdfServeBundle : serveBundle,
    '--db',
    database,
    '--port',
    '0',
    '--no-build',
    ...(staticDir ? ['--static', staticDir] : []),
    '--user-data',
    userData,
    ...extraArgs,
  ];
}

export interface ServeProcess {
  /** The plain address (a visitor's: no access to notes or packs). */
  url: string;
  /** The owner's address the server printed (`url?token=…`): opening it hands the page the owner cookie. */
  ownerUrl: string;
  /** This start's owner token (send it in the X-Archive-Token header from Node); empty when shared on a network. */
  token: string;
  /** The owner cookie for Playwright's `context.addCookies`, as the ownerUrl redirect would set it. */
  ownerCookie: { name: string; value: string; url: string };
  output: () => string;
  /** SIGTERM, then waits for the exit (the server closes the user database on the way out). */
  stop: () => Promise<void>;
}

/** Starts a server and resolves with the URL it prints; rejects if it exits first or is silent for a minute. */
export function startServe(options: ServeOptions): Promise<ServeProcess> {
  ensureFreshBundles();
  const child = spawn(process.execPath, serveArgs(options), { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      // The owner's session prints `?token=…`; a server shared on a network has no token to print.
      const match = /(http:\/\/127\.0\.0\.1:(\d+)\/)(?:\?token=([\w-]+))?/.exec(output);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        const token = match[3] ?? '';
        resolve({
          url: match[1],
          ownerUrl: match[0],
          token,
          ownerCookie: { name: `archivo_owner_${match[2]}`, value: token, url: match[1] },
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

export interface CorpusCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CorpusCliOptions {
  /** Where the command runs (default: the project): file names in its output are relative to it. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs `corpus <args>` and returns how it ended, failures included. */
export function corpusCli(
  args: string[],
  timeoutMs?: number,
  { cwd = repoRoot, env }: CorpusCliOptions = {},
): CorpusCliResult {
  ensureFreshBundles();
  const result = spawnSync(process.execPath, [cliBundle, ...args], { cwd, env, encoding: 'utf8', timeout: timeoutMs });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `corpus <args>` and returns its stdout; throws with both outputs when it fails. */
export function runCorpusCli(args: string[], timeoutMs = 180_000): string {
  const result = corpusCli(args, timeoutMs);
  if (result.code !== 0)
    throw new Error(`corpus ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
