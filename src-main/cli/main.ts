#!/usr/bin/env node
/**
 * The corpus command line: build a corpus database from folders of documents,
 * search it and show documents. Output shapes under `--json` are a public
 * interface for scripts (see README): keep them stable. The commands are in ./program.ts.
 *
 * Exit codes: 0 ok, 1 bad usage, unreadable input or a refused pack, 2 nothing could be imported.
 */
import { processIo } from './cli-io';
import { runCli } from './program';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
