import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseStraceLog, describeRefused, type StraceReport } from './strace-log';
import { probeIsolation, runTraced, straceAvailable, type Isolation } from './traced-run';
import { ensureFreshUi, uiDir } from '../support/ui-build';

/**
 * The proof that the archive makes no network connection: the corpus CLI, then browser mode
 * with Chromium driven through a reading session, each run in a network namespace where only
 * loopback is up and under strace -f. Every connect/sendto/sendmsg/sendmmsg to an internet
 * address is judged by strace-log.ts: only the browser-mode server's own loopback port is
 * allowed, nothing at all for the CLI, DNS never.
 */
const repoRoot = path.resolve(__dirname, '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
let workDir = '';
let isolation: Isolation = { mode: 'host', reason: 'not probed yet' };

function summarise(name: string, report: StraceReport): string {
  const internet = report.attempts.filter((a) => a.verdict === 'allowed' || a.verdict === 'refused');
  const connects = internet.filter((a) => a.syscall === 'connect');
  return (
    `offline proof, ${name} (${isolation.mode === 'namespace' ? 'network namespace with only loopback' : 'HOST network'}): ` +
    `${report.attempts.length} socket calls traced; ${report.networkSeen} to internet addresses ` +
    `(${connects.length} connect, ${internet.length - connects.length} sends), ${report.networkAllowed} allowed, ${report.refused.length} refused; ` +
    `${report.localOrConnected} local (AF_UNIX IPC, netlink); ` +
    `${report.routeProbes.length} UDP route probes (no packet)`
  );
}

beforeAll(() => {
  const missingStrace = straceAvailable();
  if (missingStrace) throw new Error(missingStrace);
  isolation = probeIsolation();
  if (isolation.mode === 'host') {
    // Stated plainly, and the strace check still runs: any non-loopback attempt fails it.
    console.warn(
      `offline proof: the kernel refused a network namespace (${isolation.reason}); tracing on the host network instead`,
    );
  }
  workDir = mkdtempSync(path.join(os.tmpdir(), 'offline-proof-'));
  // The UI is built outside the trace (it is not part of the app at run time): the tests' one build.
  console.log(ensureFreshUi());
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('offline proof', () => {
  it('catches a deliberate connection and a DNS lookup made inside the same harness (the proof can fail)', async () => {
    const log = path.join(workDir, 'canary.strace');
    const canary = [
      "const net = require('node:net');",
      "net.connect(80, '93.184.216.34').on('error', () => {});",
      "require('node:dns').lookup('example.org', () => {});",
      'setTimeout(() => {}, 500);',
    ].join('\n');
    const run = await runTraced(isolation, log, process.execPath, ['-e', canary], { cwd: repoRoot, timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    const report = analyseStraceLog(readFileSync(log, 'utf8'), { allowedLoopbackPorts: [] });
    const refused = report.refused.map((a) => `${a.address}:${a.port}`);
    expect(refused).toContain('93.184.216.34:80');
    expect(
      report.refused.some((a) => a.port === 53),
      `no DNS attempt seen in:\n${refused.join('\n')}`,
    ).toBe(true);
  });

  it('the corpus CLI builds, searches and shows the seeds and gobiernofacil without a single connection attempt', async () => {
    const log = path.join(workDir, 'cli.strace');
    const summaryFile = path.join(workDir, 'cli.json');
    const run = await runTraced(isolation, log, tsx, ['tests/offline/cli-session.ts', workDir, summaryFile], {
      cwd: repoRoot,
      timeoutMs: 220_000,
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    // The session really ran: real results from the real corpus.
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
      seedHits: number;
      siteHits: number;
      phraseHits: number;
      shownTitle: string;
    };
    expect(summary.seedHits).toBe(2);
    expect(summary.phraseHits).toBe(1);
    expect(summary.siteHits).toBeGreaterThan(5);
    expect(summary.shownTitle).toBe('Organizaciones de la Sociedad Civil salen de la Alianza para el Gobierno Abierto');

    const report = analyseStraceLog(readFileSync(log, 'utf8'), { allowedLoopbackPorts: [] });
    console.log(summarise('corpus CLI', report));
    expect(report.refused.map(describeRefused)).toEqual([]);
    expect(report.routeProbes).toEqual([]);
    // strace did trace the processes: Node's own IPC shows up as local sockets.
    expect(report.attempts.length).toBeGreaterThan(0);
  });

  it('browser mode and a Chromium reading session (search, open, highlight + note, export JSON-LD and Markdown) reach only the server’s loopback port', async () => {
    const log = path.join(workDir, 'browser.strace');
    const summaryFile = path.join(workDir, 'browser.json');
    const database = path.join(workDir, 'seeds.sqlite');
    const run = await runTraced(
      isolation,
      log,
      tsx,
      ['tests/offline/browser-session.ts', database, uiDir, workDir, summaryFile],
      {
        cwd: repoRoot,
        timeoutMs: 200_000,
      },
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
      port: number;
      requests: number;
      foreignRequests: string[];
      jsonldHasNote: boolean;
      markdownHasQuote: boolean;
    };
    expect(summary.jsonldHasNote).toBe(true);
    expect(summary.markdownHasQuote).toBe(true);
    expect(summary.foreignRequests).toEqual([]);

    const report = analyseStraceLog(readFileSync(log, 'utf8'), { allowedLoopbackPorts: [summary.port] });
    console.log(
      `${summarise('browser mode + Chromium', report)}; ${summary.requests} HTTP requests seen by the page, all to ${summary.port}`,
    );
    expect(report.refused.map(describeRefused)).toEqual([]);
    // Chromium did talk to the server over TCP on loopback, and strace saw it: the trace is live.
    expect(report.networkAllowed).toBeGreaterThan(0);
    expect(report.attempts.filter((a) => a.verdict === 'allowed').every((a) => a.port === summary.port)).toBe(true);
  });
});
