import { existsSync } from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { buildCorpus, type BuildSummary } from '../core/build/build';
import { parseFieldAssignments, type FieldMap } from '../core/import/field-mapping';
import { escapeControls } from '../core/import/warnings';
import { CliFailure, EXIT_NOTHING_IMPORTED, EXIT_OK } from './cli-failure';
import type { CliIo } from './cli-io';
import { formatImportReport } from './build-report-printer';
import { interruptibly, stoppedSentence } from './interruption';
import { removeOwnBuildFiles } from '../core/store/abandoned-build-files';
import { CORPUS_BUILD_FILES } from '../core/store/corpus-writer';

export interface BuildCommandOptions {
  out: string;
  name?: string;
  version?: string;
  json?: boolean;
  /** Print the import report after the summary: losses file by file, then the counts (`--report`). */
  report?: boolean;
  /** `key=field` front-matter mappings (`--field`, repeatable). */
  field?: string[];
  /** Globs of files to leave out (`--exclude`, repeatable). */
  exclude?: string[];
}

/** `corpus build`: import, index, write; prints a summary and every warning with its file and line. */
export async function runBuild(inputs: string[], options: BuildCommandOptions, io: CliIo): Promise<number> {
  const missing = inputs.filter((input) => !existsSync(input));
  if (missing.length > 0) throw new CliFailure(`cannot read ${missing.join(', ')}: no such file or folder`);

  const target = path.resolve(options.out);
  const summary = await interruptibly(() => buildWithProgress(inputs, options, io), {
    io,
    removeOwnFiles: () => removeOwnBuildFiles(target, CORPUS_BUILD_FILES),
    stopped: stoppedSentence(options.out, target, 'build'),
  });

  if (options.json) {
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    printSummary(summary, options.out, io);
    if (options.report) io.stdout.write(`${formatImportReport(summary.report)}\n`);
  }
  return summary.documents === 0 ? EXIT_NOTHING_IMPORTED : EXIT_OK;
}

/** buildCorpus with a progress bar on stderr when a person watches a terminal (also used by `pack`). */
export async function buildWithProgress(
  inputs: string[],
  options: BuildCommandOptions,
  io: CliIo,
  alsoWrites: readonly string[] = [],
): Promise<BuildSummary> {
  // A progress bar only where a person watches a terminal; never inside --json output.
  const showProgress = !options.json && io.stderr.isTTY;
  const bar = showProgress
    ? new SingleBar(
        // Only when `io.stderr` is a terminal, which only the process's own standard error is.
        { format: 'importing [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true },
        Presets.shades_classic,
      )
    : null;
  // An object, not a `let`: the flag is set in a callback, which flow analysis does not follow.
  const barState = { started: false };

  let fields: FieldMap;
  try {
    fields = parseFieldAssignments(options.field ?? []);
  } catch (error) {
    throw new CliFailure(error instanceof Error ? error.message : String(error));
  }
  let summary: BuildSummary;
  try {
    summary = await buildCorpus({
      fields,
      exclude: options.exclude ?? [],
      alsoWrites,
      inputs,
      out: options.out,
      name: options.name,
      version: options.version,
      onProgress: (progress) => {
        if (!bar) return;
        if (!barState.started) {
          bar.start(progress.total, 0, { file: '' });
          barState.started = true;
        }
        bar.update(progress.done, { file: truncate(escapeControls(progress.file), 40) });
      },
      onWriting: () => {
        // The bar stands full while the index is written: say so instead of the last file's name.
        if (barState.started) bar?.update({ file: 'writing the search index…' });
      },
    });
  } finally {
    if (barState.started) bar?.stop();
  }

  return summary;
}

/** The build's summary and every warning with its file and line. */
export function printSummary(summary: BuildSummary, out: string, io: CliIo): void {
  const lines: string[] = [];
  if (summary.documents === 0) {
    lines.push('Nothing could be imported; no database was written.');
  } else {
    const { article, letter, other } = summary.byType;
    lines.push(
      `Wrote ${out}: ${summary.documents} documents (${article} articles, ${letter} letters, ${other} other).`,
    );
  }
  if (summary.warnings.length > 0) {
    lines.push(`${summary.warnings.length} warning${summary.warnings.length === 1 ? '' : 's'}:`);
    for (const warning of summary.warnings) {
      lines.push(`  ${warningLine(warning)}`);
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * One warning as printed on the terminal. A file name is the corpus author's text too:
 * escape codes in it (set title, clear screen) must not reach the terminal raw.
 */
export function warningLine(warning: BuildSummary['warnings'][number]): string {
  const file = escapeControls(warning.file);
  const where = warning.line === undefined ? file : `${file}:${warning.line}`;
  return `${where}: ${escapeControls(warning.message)}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `…${text.slice(text.length - length + 1)}`;
}
