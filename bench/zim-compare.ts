/**
 * This app's archive beside a ZIM of the same documents (issue 23): sizes, where the app's bytes
 * go, and how long each server takes from its start to its first page and its first search.
 *
 * The ZIM is what kiwix, the most used offline archive format, makes of the same HTML:
 * `zimwriterfs` (Debian's zim-tools; zstd clusters of 2 MB and a Xapian full-text index) over one
 * page per document exported from the app's database, served by `kiwix-serve` (kiwix-tools).
 * Both servers listen on 127.0.0.1 only; the start is timed from spawning the process to the
 * first 200 answer, polled every 5 ms.
 *   tsx bench/zim-compare.ts <corpus.sqlite> [work-dir]     one comparison, reported as a bench child
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { CorpusReader } from '../src-main/core/store/corpus-reader';
import { writePack } from '../src-main/core/packs/index';
import { RESULT_PREFIX } from './child-protocol';
import { measureDatabase } from './db-sizes';
import { runningProcessCpuMs } from './process-cpu';
import { median } from './stats';

const projectRoot = path.resolve(import.meta.dirname, '..');
/** The word searched at start: common in the generated posts and in the real ones. */
export const FIRST_SEARCH = 'gobierno';
const POLL_MS = 5;
/** Starts of each server per comparison; the figures are their medians. */
const START_REPEATS = 3;
const START_TIMEOUT_MS = 60_000;

export interface StartTimes {
  /** Spawn to the first 200 for one document's page (median of `starts`). */
  firstPageMs: number;
  /** Spawn to the first 200 for a search (asked right after the page answered; median of `starts`). */
  firstSearchMs: number;
  /** CPU the server process (all its threads) had used when the page answered (median; null without /proc). */
  firstPageCpuMs?: number | null;
  /** Likewise when the search answered. */
  firstSearchCpuMs?: number | null;
  /** Starts timed (each server alternately, in the same minutes). */
  starts?: number;
  /** 1-minute load average before the starts. */
  loadAverage?: number;
}

export interface ZimComparison {
  documents: number;
  appBytes: number;
  zimBytes: number;
  /** The archive as a pack (`corpus pack`: the database brotli-compressed in a tar); absent in older results. */
  packBytes?: number;
  /** Bytes per table or index of the app's database (dbstat), largest first. */
  appTables: Array<{ name: string; bytes: number }>;
  zimBuildMs: number;
  app: StartTimes;
  kiwix: StartTimes;
}

/** Compares one built corpus database with a ZIM of its documents; `work` holds the export and the ZIM. */
export async function compareWithZim(database: string, work: string): Promise<ZimComparison> {
  mkdirSync(work, { recursive: true });
  const html = path.join(work, 'zim-html');
  const zim = path.join(work, 'archive.zim');
  const { documents, sampleId } = exportPages(database, html);
  const started = performance.now();
  buildZim(html, zim);
  const zimBuildMs = performance.now() - started;
  rmSync(html, { recursive: true, force: true });
  const sizes = measureDatabase(database);
  const packBytes = await measurePack(database, work);
  // The server bundle is rebuilt when stale; do it now so no start below pays for it.
  const bundle = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/build-serve.mjs')], { encoding: 'utf8' });
  if (bundle.status !== 0) throw new Error(`building the browser-mode bundle failed: ${bundle.stderr}`);
  const app: StartTimes[] = [];
  const kiwix: StartTimes[] = [];
  const book = path.basename(zim, '.zim');
  const loadAverage = os.loadavg()[0] ?? 0;
  // Alternately, so both servers meet the same load; medians of START_REPEATS starts each.
  for (let start = 0; start < START_REPEATS; start += 1) {
    app.push(
      await timeStart(
        (port) => appServer(database, work, port),
        (base) => fetchOk(`${base}/api/documents/${sampleId}`),
        (base) =>
          fetchOk(`${base}/api/search`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: FIRST_SEARCH }),
          }),
      ),
    );
    kiwix.push(
      await timeStart(
        (port) => spawn('kiwix-serve', ['-i', '127.0.0.1', '-p', String(port), zim], { stdio: 'ignore' }),
        (base) => fetchOk(`${base}/${book}/${sampleId}.html`),
        (base) =>
          fetchOk(
            `${base}/search?content=${book}&pattern=${FIRST_SEARCH}`,
            undefined,
            new RegExp(`href="/${book}/[0-9a-f]+\\.html"`),
          ),
      ),
    );
  }
  return {
    documents,
    appBytes: sizes.fileBytes,
    zimBytes: statSync(zim).size,
    packBytes,
    appTables: sizes.tables,
    zimBuildMs,
    app: medianStart(app, loadAverage),
    kiwix: medianStart(kiwix, loadAverage),
  };
}

/**
 * One HTML page per document (its title and stored HTML), a welcome page and the 48×48 PNG
 * zimwriterfs requires. The sample page is a document with the first search's word in its title.
 */
function exportPages(database: string, dir: string): { documents: number; sampleId: string } {
  mkdirSync(dir, { recursive: true });
  const reader = new CorpusReader(database);
  const db = new Database(database, { readonly: true });
  try {
    const ids = db
      .prepare<[], { id: string }>('SELECT id FROM documents ORDER BY id')
      .all()
      .map((row) => row.id);
    // Images go in too, or the ZIM would be compared without the bytes the archive carries.
    const assets = new Map<string, string>();
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM assets ORDER BY id').all()) {
      const asset = reader.getAsset(id);
      if (!asset) continue;
      const file = `assets/${id}.${asset.mime.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin'}`;
      writeFileSync(path.join(dir, file), asset.bytes);
      assets.set(id, file);
    }
    let sampleId: string | null = null;
    for (const id of ids) {
      const document = reader.getDocument(id);
      if (!document) throw new Error(`${database}: document ${id} cannot be read`);
      if (sampleId === null && document.title.toLowerCase().includes(FIRST_SEARCH)) sampleId = id;
      writeFileSync(
        path.join(dir, `${id}.html`),
        `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(document.title)}</title></head>` +
          `<body><h1>${escapeHtml(document.title)}</h1>${withImageSources(document.html, assets)}</body></html>`,
      );
    }
    const first = ids[0];
    if (first === undefined) throw new Error(`${database} holds no document`);
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Archivo</title></head><body><a href="${first}.html">${first}</a></body></html>`,
    );
    writeFileSync(path.join(dir, 'illustration.png'), grayPng(48));
    return { documents: ids.length, sampleId: sampleId ?? first };
  } finally {
    db.close();
    reader.close();
  }
}

/** Size of the pack a librarian would hand out for this archive (written, measured, deleted). */
async function measurePack(database: string, work: string): Promise<number> {
  const pack = path.join(work, 'archive.archive');
  await writePack({ databasePath: database, out: pack, id: 'bench' });
  const bytes = statSync(pack).size;
  rmSync(pack, { force: true });
  return bytes;
}

function buildZim(html: string, zim: string): void {
  rmSync(zim, { force: true });
  const args = [
    ...['--welcome', 'index.html', '--illustration', 'illustration.png', '--language', 'spa'],
    ...['--title', 'Archivo', '--description', 'Banco de pruebas', '--creator', 'bench', '--publisher', 'bench'],
    html,
    zim,
  ];
  const result = spawnSync('zimwriterfs', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`zimwriterfs could not run (install zim-tools): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`zimwriterfs failed (${String(result.status)}): ${result.stderr}`);
}

function appServer(database: string, work: string, port: number): ChildProcess {
  const ui = path.join(work, 'ui');
  mkdirSync(ui, { recursive: true });
  writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>bench</title>');
  const args = [
    path.join(projectRoot, 'scripts/serve.mjs'),
    ...['--db', database, '--port', String(port), '--no-build', '--static', ui],
    ...['--user-data', mkdtempSync(path.join(work, 'user-'))],
  ];
  return spawn(process.execPath, args, { cwd: projectRoot, stdio: 'ignore' });
}

/** Spawns a server on a free loopback port and times its first page, then its first search. */
async function timeStart(
  start: (port: number) => ChildProcess,
  page: (base: string) => Promise<boolean>,
  search: (base: string) => Promise<boolean>,
): Promise<StartTimes> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = start(port);
  try {
    await pollUntil(() => page(base), child);
    const firstPageMs = performance.now() - started;
    const firstPageCpuMs = child.pid === undefined ? null : runningProcessCpuMs(child.pid);
    await pollUntil(() => search(base), child);
    const firstSearchMs = performance.now() - started;
    const firstSearchCpuMs = child.pid === undefined ? null : runningProcessCpuMs(child.pid);
    return { firstPageMs, firstSearchMs, firstPageCpuMs, firstSearchCpuMs };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

/** Medians of each figure over several starts of one server. */
function medianStart(starts: readonly StartTimes[], loadAverage: number): StartTimes {
  const cpu = (pick: (times: StartTimes) => number | null | undefined): number | null => {
    const values = starts.map(pick).filter((value): value is number => typeof value === 'number');
    return values.length === starts.length ? median(values) : null;
  };
  return {
    firstPageMs: median(starts.map((times) => times.firstPageMs)),
    firstSearchMs: median(starts.map((times) => times.firstSearchMs)),
    firstPageCpuMs: cpu((times) => times.firstPageCpuMs),
    firstSearchCpuMs: cpu((times) => times.firstSearchCpuMs),
    starts: starts.length,
    loadAverage,
  };
}

async function pollUntil(attempt: () => Promise<boolean>, child: ChildProcess): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${String(child.exitCode)} before answering`);
    if (await attempt()) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the server did not answer within ${START_TIMEOUT_MS} ms`);
}

/** Whether the URL answers 200 (and, when given, with a body matching `mustHold`); false while it is not up. */
async function fetchOk(url: string, init?: RequestInit, mustHold?: RegExp): Promise<boolean> {
  try {
    const response = await fetch(url, init);
    const body = await response.text();
    if (response.status !== 200) return false;
    if (mustHold !== undefined && !mustHold.test(body)) {
      throw new Error(`${url} answered without a result (${String(mustHold)})`);
    }
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A uniformly gray square PNG (8-bit grayscale), written by hand: zimwriterfs needs an illustration. */
function grayPng(size: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  const rows = Buffer.alloc(size * (size + 1), 0x80);
  for (let y = 0; y < size; y += 1) rows[y * (size + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The app's `<img data-asset-id="…">` (its transport supplies the URL) with a relative src for the ZIM. */
function withImageSources(html: string, assets: ReadonlyMap<string, string>): string {
  return html.replace(/data-asset-id="([0-9a-f]{64})"/g, (whole, id: string) => {
    const file = assets.get(id);
    return file === undefined ? whole : `src="${file}" ${whole}`;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [database, work] = process.argv.slice(2);
  if (!database) throw new Error('usage: tsx bench/zim-compare.ts <corpus.sqlite> [work-dir]');
  const folder = work ?? mkdtempSync(path.join(os.tmpdir(), 'zim-compare-'));
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(await compareWithZim(database, folder))}\n`);
}
