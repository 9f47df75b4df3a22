#!/usr/bin/env node
// The type check and ESLint in one process, on one TypeScript program (`npm run typecheck-lint`,
// run by `npm test`). ESLint's typed rules need the whole program that `tsc` builds and checks:
// run apart, each parsed, bound and checked the same 1,600 files. Here the program is built once
// (incremental, with the same build info file as `npm run typecheck`), fully type checked first,
// then handed to typescript-eslint (`parserOptions.programs`), whose rules find the types they ask
// for already computed. Checking before linting matters twice: the bulk check is cheaper than the
// same types computed node by node for the rules, and the checker reports exactly what `tsc` does
// (type queries made by rules first once left TS2590, "union type too complex", among the global
// diagnostics, which `tsc` never reports). Rules and files are those of eslint.config.js.
// Figures (CPU seconds in a clean clone): README, "Testing".
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Shared with `npm run typecheck` (tsc --incremental), which reads and writes the same build info. */
const TS_BUILD_INFO = path.join(root, 'node_modules/.cache/tsc/tsconfig.tsbuildinfo');
/**
 * Not `npm run lint`'s cache: ESLint keys its entries by a hash of the configuration, which the
 * program option changes, so sharing one file would make each command lint every file again
 * after the other had run.
 */
const ESLINT_CACHE = path.join(root, 'node_modules/.cache/eslint-typecheck-lint/');
/** What ESLint lints as TypeScript (typescript-eslint's own `files`), given the shared program. */
const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** The incremental program of tsconfig.json, as `tsc -p tsconfig.json --incremental` builds it. */
function createProgram() {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return ts.createIncrementalProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, incremental: true, tsBuildInfoFile: TS_BUILD_INFO },
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    projectReferences: parsed.projectReferences,
  });
}

/** tsc's diagnostics, gathered in tsc's order; writes the build info, as `tsc --incremental` does. */
function typeCheck(builder) {
  const diagnostics = [...builder.getConfigFileParsingDiagnostics()];
  const configErrors = diagnostics.length;
  diagnostics.push(...builder.getSyntacticDiagnostics());
  // As tsc: options and global diagnostics only when the syntax is sound, semantic ones only then too.
  if (diagnostics.length === configErrors) {
    diagnostics.push(...builder.getOptionsDiagnostics(), ...builder.getGlobalDiagnostics());
    if (diagnostics.length === configErrors) diagnostics.push(...builder.getSemanticDiagnostics());
  }
  // With noEmit, this writes only the build info.
  diagnostics.push(...builder.emit().diagnostics);
  return ts.sortAndDeduplicateDiagnostics(diagnostics);
}

function formatDiagnostics(diagnostics) {
  const host = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  };
  return process.stdout.isTTY
    ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host)
    : ts.formatDiagnostics(diagnostics, host);
}

/** `eslint --cache .` with the program given to typescript-eslint instead of its project service. */
async function lint(program) {
  const programs = [program];
  // ESLint hashes the configuration into its cache key; a Program holds functions, which it
  // refuses to serialize. The program is always tsconfig.json's, so its name stands for it.
  Object.defineProperty(programs, 'toJSON', { value: () => ['tsconfig.json'] });
  const eslint = new ESLint({
    cwd: root,
    cache: true,
    cacheLocation: ESLINT_CACHE,
    overrideConfig: [
      {
        files: TYPESCRIPT_FILES,
        languageOptions: { parserOptions: { projectService: false, project: false, programs } },
      },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  const formatter = await eslint.loadFormatter('stylish');
  return { results, report: await formatter.format(results) };
}

const builder = createProgram();
const diagnostics = typeCheck(builder);
if (diagnostics.length > 0) {
  process.stdout.write(formatDiagnostics(diagnostics));
  console.log(`Type check: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}.`);
}
const { results, report } = await lint(builder.getProgram());
if (report) console.log(report);
// --max-warnings 0: a warning fails the check as an error does.
const problems = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
console.log(`Type check: ${diagnostics.length} errors. ESLint: ${problems} problems in ${results.length} files.`);
process.exitCode = diagnostics.length > 0 || problems > 0 ? 1 : 0;
