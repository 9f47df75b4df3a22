/**
 * The corpus writer's finish alone (runs merged, catalog, index and lists written, commit), timed
 * over one import's documents, several rounds in one process: its wall time, the CPU of every
 * thread of the process (the list-packing workers' too) and the CPU of the main thread alone.
 *   tsx bench/finish-probe.ts <input-dir> [rounds]          (under tsx)
 *   tsx bench/finish-probe.ts --bundled <input-dir> [rounds] (from an esbuild bundle, as a build runs)
 * Prints each round and the medians; every database written is hashed table by table, and the
 * probe fails if any two differ.
 *
 * Why: the finish is about a tenth of a 10,000-post build, and a whole build's wall time on a
 * shared machine varies by more than that. The main thread's CPU is the finish's critical path
 * when the second core is free (the packing workers run beside it); the process's CPU is what a
 * loaded machine pays. Measured so (2026-12-07, docs-10000): main thread 1.3-1.55 s of 2.5-3.1 s,
 * so the finish already runs on both cores about half of the time.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { importSources } from '../src-main/core/import/index';
import { CorpusWriter } from '../src-main/core/store/corpus-writer';
import { bundledWithRenderWorker } from './child-bundle';

/**
 * This (main) thread's CPU in ms, from Linux's per-thread counters (10 ms ticks); NaN elsewhere.
 * Node 20 has no per-thread CPU of its own (`process.cpuUsage` counts every thread).
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are the 14th and 15th fields; the 3rd (state) is the first after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Every table's rows in key order, hashed (meta's build date left out), as bench/table-hashes.ts. */
function tablesHash(file: string): string {
  const db = new Database(file, { readonly: true });
  const hash = createHash('sha256');
  try {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck();
    for (const table of tables.all()) {
      const where = table === 'meta' ? " WHERE key != 'build_date'" : '';
      for (const row of db.prepare(`SELECT * FROM "${table}"${where} ORDER BY 1, 2`).raw().iterate()) {
        for (const cell of Array.isArray(row) ? row : []) {
          hash.update(Buffer.isBuffer(cell) ? cell : JSON.stringify(cell)).update('\u0000');
        }
      }
    }
  } finally {
    db.close();
  }
  return hash.digest('hex').slice(0, 16);
}

async function probe(input: string, rounds: number): Promise<void> {
  const imported = await importSources([input]);
  const documents = [...imported.documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'finish-probe-'));
  const figures = { wall: [] as number[], cpu: [] as number[], main: [] as number[] };
  const hashes = new Set<string>();
  try {
    for (let round = 0; round < rounds; round += 1) {
      const file = path.join(dir, `round-${round}.sqlite`);
      const writer = new CorpusWriter(file);
      for (const document of documents) writer.add(document, imported.analyses.get(document.id));
      const cpu = process.cpuUsage();
      const mainBefore = mainThreadCpuMs();
      const started = performance.now();
      await writer.finishInParallel({
        assets: imported.assets,
        name: 'finish-probe',
        version: '1',
        buildDate: '2026-01-01T00:00:00.000Z',
      });
      const wall = performance.now() - started;
      const main = mainThreadCpuMs() - mainBefore;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      figures.wall.push(wall);
      figures.cpu.push(cpuMs);
      figures.main.push(main);
      hashes.add(tablesHash(file));
      rmSync(file, { force: true });
      const load = os.loadavg()[0]?.toFixed(2) ?? '?';
      process.stdout.write(
        `round ${round + 1}: wall ${wall.toFixed(0)} ms, cpu ${cpuMs.toFixed(0)} ms ` +
          `(main thread ${main.toFixed(0)} ms), load ${load}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `median wall ${median(figures.wall).toFixed(0)} ms, cpu ${median(figures.cpu).toFixed(0)} ms, ` +
      `main thread ${median(figures.main).toFixed(0)} ms\n`,
  );
  process.stdout.write(`${documents.length} documents, tables ${[...hashes].join(' / ')}\n`);
  if (hashes.size !== 1) throw new Error('finish-probe: the rounds wrote different databases');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--bundled') {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const bundle = bundledWithRenderWorker(root, 'finish-probe');
    const child = spawnSync(process.execPath, [bundle, ...args.slice(1)], { stdio: 'inherit' });
    process.exitCode = child.status ?? 1;
    return;
  }
  const [input, roundsArg] = args;
  if (!input) throw new Error('usage: finish-probe.ts [--bundled] <input-dir> [rounds]');
  await probe(input, Number(roundsArg ?? '3'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `finish-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
