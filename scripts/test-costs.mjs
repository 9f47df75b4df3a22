#!/usr/bin/env node
// Where the tests' time goes: reads Vitest's and Playwright's JSON reports and prints each
// file's time, slowest first, and the slowest tests. Used to decide what to make cheaper.
//   npx vitest run --reporter=json --outputFile=/tmp/unit.json
//   PLAYWRIGHT_JSON_OUTPUT_NAME=/tmp/e2e.json npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json
//   node scripts/test-costs.mjs /tmp/unit.json /tmp/e2e.json [top]
// With E2E_TEST_CPU=1 in Playwright's environment each test's CPU is measured too (its worker's
// processes, Chromium included: tests/e2e/test-cpu-meter.ts) and specs and tests are ranked by it.
// The times are wall-clock (neither runner records CPU): on a loaded machine compare them
// with a run of the same files in the same conditions, and take the CPU of a run from
// scripts/test-cpu.mjs (every process of the run, Chromium's renderers included, which
// `/usr/bin/time -v` misses).
import { readFileSync } from 'node:fs';
import path from 'node:path';

const seconds = (ms) => (ms / 1000).toFixed(1).padStart(7);

function vitestCosts(report, top) {
  const files = report.testResults.map((file) => ({
    name: path.relative(process.cwd(), file.name),
    ms: file.endTime - file.startTime,
    tests: file.assertionResults.length,
    failed: file.assertionResults.filter((test) => test.status === 'failed').length,
  }));
  files.sort((a, b) => b.ms - a.ms);
  const total = files.reduce((sum, file) => sum + file.ms, 0);
  console.log(`Vitest: ${files.length} files, ${report.numTotalTests} tests, ${report.numFailedTests} failed;`);
  console.log(`sum of file times ${seconds(total).trim()} s; slowest files (s, tests):`);
  for (const file of files.slice(0, top)) {
    console.log(`${seconds(file.ms)} ${String(file.tests).padStart(4)} ${file.failed ? 'FAIL' : '    '} ${file.name}`);
  }
}

function playwrightCosts(report, top) {
  const files = new Map();
  const tests = [];
  /** Each worker process has its own Chromium: a spec on other worker fixtures or launch options gets new ones. */
  const workers = new Set();
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        for (const result of test.results) {
          const name = spec.file ?? file;
          files.set(name, (files.get(name) ?? 0) + result.duration);
          // The test's CPU, when the run measured it (E2E_TEST_CPU=1, tests/e2e/test-cpu-meter.ts).
          const cpu = (result.annotations ?? test.annotations ?? []).find((note) => note.type === 'cpu');
          tests.push({
            ms: result.duration,
            cpu: cpu ? Number(cpu.description) : undefined,
            status: result.status,
            what: `${name}:${spec.line} ${spec.title}`,
          });
          workers.add(result.workerIndex);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, suite.file ?? file);
  };
  for (const suite of report.suites) walk(suite, suite.file);
  const { stats } = report;
  console.log(
    `Playwright: ${seconds(stats.duration).trim()} s; ${stats.expected} passed, ${stats.skipped} skipped, ` +
      `${stats.unexpected} failed, ${stats.flaky} flaky`,
  );
  const firstStart = Math.min(
    ...report.suites.flatMap(function starts(suite) {
      return [
        ...(suite.specs ?? []).flatMap((spec) =>
          spec.tests.flatMap((test) => test.results.map((r) => Date.parse(r.startTime))),
        ),
        ...(suite.suites ?? []).flatMap(starts),
      ];
    }),
  );
  console.log(`global set-up until the first test: ${seconds(firstStart - Date.parse(stats.startTime)).trim()} s`);
  console.log(`worker processes (each with its own Chromium): ${[...workers].filter((index) => index >= 0).length}`);
  console.log('specs by the sum of their tests’ times (s):');
  for (const [file, ms] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${seconds(ms)} ${file}`);
  console.log('slowest tests (s):');
  for (const test of tests.sort((a, b) => b.ms - a.ms).slice(0, top)) {
    console.log(`${seconds(test.ms)} ${test.status.padEnd(8)} ${test.what.slice(0, 110)}`);
  }
  const measured = tests.filter((test) => test.cpu !== undefined);
  if (measured.length === 0) return;
  const cpuBySpec = new Map();
  for (const test of measured) {
    const spec = test.what.slice(0, test.what.indexOf(':'));
    cpuBySpec.set(spec, (cpuBySpec.get(spec) ?? 0) + test.cpu);
  }
  const cpuTotal = measured.reduce((sum, test) => sum + test.cpu, 0);
  console.log(`CPU of the tests (their worker's processes, s): ${cpuTotal.toFixed(1)}; specs by CPU:`);
  for (const [spec, cpu] of [...cpuBySpec].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${cpu.toFixed(1).padStart(7)} ${spec}`);
  }
  console.log('tests by CPU (s):');
  for (const test of measured.sort((a, b) => b.cpu - a.cpu).slice(0, top)) {
    console.log(`${test.cpu.toFixed(1).padStart(7)} ${test.status.padEnd(8)} ${test.what.slice(0, 110)}`);
  }
}

const top = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 15);
for (const file of process.argv.slice(2).filter((arg) => !/^\d+$/.test(arg))) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (Array.isArray(report.testResults)) vitestCosts(report, top);
  else if (Array.isArray(report.suites)) playwrightCosts(report, top);
  else throw new Error(`${file}: neither a Vitest nor a Playwright JSON report`);
  console.log('');
}
