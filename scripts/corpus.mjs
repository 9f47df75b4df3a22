#!/usr/bin/env node
// `npm run corpus`: runs the bundled command line (dist/cli/corpus.mjs), rebuilding it first when
// it is missing or older than its sources. The bundle runs in this process (one Node start-up)
// and reads its arguments from process.argv exactly as the sources do, except for a build on a
// machine of few cores, which runs in a second Node process started with the build's V8 flags
// (build-gc-flags.mjs says why; V8 reads them only when a process starts).
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli, cliBundle, cliBundleStale } from './build-cli.mjs';
import { buildV8Flags, startedWith } from './build-gc-flags.mjs';
import { enableCompileCache } from './compile-cache.mjs';

/** Commands that build a corpus (`pack` builds the pack's corpus from its folders). */
const BUILDING_COMMANDS = new Set(['build', 'pack']);

/** The command the arguments name: the first that is not an option (the program has no global options that take a value). */
function commandOf(args) {
  return args.find((arg) => !arg.startsWith('-'));
}

/**
 * Runs this script again in a Node process started with `flags`, with the same arguments and
 * streams, and ends with its exit code. A stopping signal sent to this process is passed on (Ctrl-C
 * reaches both processes of the group, and the build stops once however often it is told:
 * src-main/cli/interruption.ts); this process then ends as the build did.
 */
function relaunchWith(flags) {
  const child = spawn(
    process.execPath,
    [...flags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`corpus: could not start the build process: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}

const flags = BUILDING_COMMANDS.has(commandOf(process.argv.slice(2)) ?? '') ? buildV8Flags() : [];
if (flags.length > 0 && !startedWith(flags)) {
  relaunchWith(flags);
} else {
  // Before the bundle is imported, so it is the first module read from the cache.
  enableCompileCache();
  if (cliBundleStale()) await buildCli();
  await import(pathToFileURL(cliBundle).href);
}
