#!/usr/bin/env node
// `npm run scan:electron`: Electronegativity over the Electron sources, SARIF written to
// build/electronegativity.sarif, and a failure on any finding that is not in the reviewed
// allow-list security/electronegativity-allowlist.json (Electronegativity itself exits 0
// whatever it finds, so its output is what is judged here).
//
// It runs with NO network: its CLI fetches translations from the web at start (and its
// `commander` use breaks with the commander the project has), and its
// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from GitHub. So the
// runner is called directly, with its translation loader replaced by the bundled en-US
// strings and that one global check excluded (the Electron version is kept current by
// the distribution work, not by a scan that phones home).
import { createRequire, Module } from 'node:module';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const input = path.join(root, 'src-main');
const output = path.join(root, 'build/electronegativity.sarif');
const allowListFile = path.join(root, 'security/electronegativity-allowlist.json');
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

// The offline translation loader: same configuration as the package's, minus the download.
const packageDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const i18nModulePath = path.join(packageDir, 'dist/locales/i18n.js');
const i18n = require('i18n');
const offlineI18n = async () => {
  i18n.configure({
    locales: ['en-US'],
    defaultLocale: 'en-US',
    directory: path.dirname(i18nModulePath),
    updateFiles: false,
    objectNotation: true,
    retryInDefaultLocale: true,
    register: globalThis,
  });
  i18n.setLocale('en-US');
};
const stub = new Module(i18nModulePath);
stub.filename = i18nModulePath;
stub.loaded = true;
stub.exports = offlineI18n;
require.cache[i18nModulePath] = stub;

const run = require(path.join(packageDir, 'dist/runner.js'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

mkdirSync(path.dirname(output), { recursive: true });
// A stale report must never be judged in place of this run's.
rmSync(output, { force: true });
const result = await run(
  {
    input,
    output,
    isSarif: true,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

/** Electronegativity writes the SARIF with an un-awaited fs.writeFile: wait until it is complete JSON. */
async function readSarifWhenWritten(file) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Electronegativity wrote no complete SARIF at ${file}: ${error.message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const allowList = JSON.parse(readFileSync(allowListFile, 'utf8')).entries;
for (const entry of allowList) {
  if (!entry.check || !entry.file || typeof entry.reason !== 'string' || entry.reason.length < 20) {
    console.error(`scan:electron: allow-list entry without check, file or a real reason: ${JSON.stringify(entry)}`);
    process.exit(1);
  }
}
// Judged from the SARIF file itself (what CI keeps), not from the runner's return value.
const sarif = await readSarifWhenWritten(output);
const findings = (sarif.runs ?? []).flatMap((sarifRun) =>
  (sarifRun.results ?? []).map((entry) => {
    const location = entry.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri;
    return {
      id: entry.ruleId,
      // Whole-application (global) findings have no file; the SARIF names them file:///.
      file: !uri || uri === 'file:///' ? 'N/A' : uri,
      line: location?.region?.startLine ?? 0,
      description: entry.message?.text ?? '',
      severity: entry.level ?? '?',
    };
  }),
);
if (findings.length !== result.issues.length) {
  console.error(
    `scan:electron: the SARIF file lists ${findings.length} findings but the scan returned ${result.issues.length}`,
  );
  process.exit(1);
}
const matches = (entry, finding) => entry.check === finding.id && entry.file === finding.file;
const notAllowed = findings.filter((finding) => !allowList.some((entry) => matches(entry, finding)));
const unused = allowList.filter((entry) => !findings.some((finding) => matches(entry, finding)));
const parseErrors = result.errors.filter((error) => !error.tolerable);

console.log(
  `scan:electron: Electronegativity (Electron ${electronVersion}) over ${path.relative(root, input)}: ` +
    `${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${findings.length} findings, ` +
    `${findings.length - notAllowed.length} allow-listed, ${notAllowed.length} not; ${parseErrors.length} files not parsed; SARIF in ${path.relative(root, output)}`,
);
for (const error of result.errors)
  console.log(`  ${error.tolerable ? 'warning' : 'PARSE ERROR'}: ${error.file}: ${error.message}`);
for (const finding of notAllowed)
  console.log(`  FINDING ${finding.id} ${finding.file}:${finding.line} [${finding.severity}] ${finding.description}`);
for (const entry of unused)
  console.log(`  note: allow-list entry no longer matches anything: ${entry.check} ${entry.file}`);
if (notAllowed.length > 0 || parseErrors.length > 0) process.exit(1);
