import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportedAsset } from './model';
import { AssetStore } from './assets';
import { documentLinksFrom, type DocumentLinkTable } from './document-links';
import { renderDocument, type RenderJob, type RenderOutcome } from './render-document';
import { createDocumentAnalyser, type DocumentAnalyser } from '../search/document-analysis';
import { AnalysisDecoder } from './analysis-wire';
import { StringTable } from '../build/string-table';
import type { RecordedRecognition } from './recognise';
import type { FromRenderWorker, RenderedByWorker, ToRenderWorker } from './render-protocol';
import type { SourceFile } from './source-files';

/**
 * Jobs sent to a worker ahead of its results, so it never waits for the main thread. The main
 * thread hands out jobs only between its own pieces of work, and spilling a batch of search data
 * (every 4,096 documents) or compressing a block takes it away for a while: with 16 jobs the
 * worker ran dry there (10,000 posts: idle 27% and 15% of the 5-second spans of the spills, 13%
 * of the worker's samples in all), and with 128 still (bundled, 10,000 posts, load average 20:
 * idle 32%, 21% and 43% of the 2-second spans of the spills, the main thread in `spillBatch`).
 * A job is a file's name and fields; its outcome waits in the main thread until the documents
 * before it are delivered, so this bounds memory too: during a spill at most this many outcomes
 * (some tens of KB each) pile up, a few MB.
 */
const JOBS_IN_FLIGHT_PER_WORKER = 384;
/**
 * Near the end of the queue a worker is sent fewer jobs ahead: at most a share of those not yet
 * handed out (`jobsAheadOf`), down to this many. Why: the jobs a worker holds when the queue runs
 * out are rendered by it alone while this thread, its own last job done, only waits for them (with
 * 384 ahead, 10,000 posts: the main thread idle for 40-80% of the import's last 1.5 s). Tapered,
 * both lanes run out of work at about the same time; a spill late in the import can let a worker
 * run dry once, for the length of that spill.
 */
const MIN_JOBS_IN_FLIGHT_PER_WORKER = 4;

/**
 * Renders (and analyses) documents in worker threads and hands the outcomes back strictly in job
 * order, whatever order the workers finish in. Workers are started at construction, so their
 * start-up (loading the Markdown toolchain) overlaps the main thread's reading of the files; the
 * first worker then recognises files too (`recogniseElsewhere`), and jobs follow once the link
 * table is known.
 *
 * Any failure of the workers themselves (the script cannot start, a worker dies, a job cannot be
 * copied to a thread) is absorbed: the affected documents are rendered in this thread instead.
 * Outcomes depend only on the job, so the result is the same either way.
 */
export class RenderPool {
  private readonly workers: Worker[] = [];
  private readonly bytesById = new Map<string, Uint8Array>();
  /** Lazily created for documents rendered in this thread. */
  private localAssets: AssetStore | null = null;
  /** Phase-1 answers awaited from the first worker, by file index. */
  private readonly recognitions = new Map<number, (recorded: RecordedRecognition | null) => void>();
  private recognitionListening = false;
  /** The worker that recognises files (the first one, fixed at the first request). */
  private recogniser: Worker | null = null;
  /**
   * Workers that have exited (the script could not start, or one died). An exit before a listener
   * is attached is never seen again, so it is remembered here from the start: a worker that died
   * while this thread was still reading files must not be sent work it will never answer.
   */
  private readonly exited = new WeakSet<Worker>();
  /** Lazily created for documents rendered (and analysed) in this thread. */
  private localAnalyser: DocumentAnalyser | null = null;

  /**
   * Starts `workers` workers running `script` (a `.ts` source is started through the tsx bootstrap);
   * with `renderHere`, this thread renders documents as well.
   */
  constructor(
    workers: number,
    script: URL,
    private readonly renderHere: boolean,
    private readonly analyse = true,
    /** Where decoded and local analyses number their strings (ImportOptions.strings). */
    private readonly strings = new StringTable(),
  ) {
    for (let count = 0; count < workers; count += 1) {
      try {
        const worker = startWorker(script);
        worker.once('exit', () => this.exited.add(worker));
        this.workers.push(worker);
      } catch {
        break; // fewer workers (or none: everything renders in this thread)
      }
    }
  }

  /** Whether a worker can take phase-1 work (`recogniseElsewhere`). */
  canRecognise(): boolean {
    return this.liveRecogniser() !== null;
  }

  private liveRecogniser(): Worker | null {
    const worker = this.recogniser ?? this.workers[0];
    return worker && !this.exited.has(worker) && this.workers.includes(worker) ? worker : null;
  }

  /**
   * Recognises a file (phase 1) in the first worker, while this thread reads others, its text let
   * go there with `release` (`releasedRecognition`). Null when the worker cannot (it failed to
   * start or died): the caller then does it itself.
   */
  recogniseElsewhere(index: number, file: SourceFile, release = false): Promise<RecordedRecognition | null> {
    const worker = this.liveRecogniser();
    if (!worker) return Promise.resolve(null);
    this.recogniser = worker;
    if (!this.recognitionListening) {
      this.recognitionListening = true;
      const failAll = (): void => {
        for (const resolve of this.recognitions.values()) resolve(null);
        this.recognitions.clear();
      };
      worker.on('message', (message: FromRenderWorker) => {
        if (message.kind === 'rendered') return;
        const answered = message.index;
        this.recognitions.get(answered)?.(
          message.kind === 'recognised'
            ? { recognised: message.recognised, warnings: message.warnings, siteAsked: message.siteAsked }
            : null,
        );
        this.recognitions.delete(answered);
      });
      worker.once('error', failAll);
      worker.once('exit', failAll);
    }
    return new Promise((resolve) => {
      this.recognitions.set(index, resolve);
      try {
        worker.postMessage({ kind: 'recognise', index, file, release } satisfies ToRenderWorker);
      } catch {
        this.recognitions.delete(index);
        resolve(null);
      }
    });
  }

  /** Renders every job; `deliver` is called once per job, in job order. Stops the workers when done. */
  async renderAll(
    jobs: readonly RenderJob[],
    table: DocumentLinkTable,
    deliver: (index: number, outcome: RenderOutcome) => void,
  ): Promise<void> {
    const outcomes = new Map<number, RenderOutcome>();
    let nextToDeliver = 0;
    const flush = (): void => {
      for (let outcome = outcomes.get(nextToDeliver); outcome; outcome = outcomes.get(nextToDeliver)) {
        outcomes.delete(nextToDeliver);
        deliver(nextToDeliver, outcome);
        nextToDeliver += 1;
      }
    };
    try {
      await this.runInWorkers(jobs, table, (index, outcome) => {
        outcomes.set(index, outcome);
        flush();
      });
    } finally {
      await this.close();
    }
    // Whatever the workers did not finish (none started, one died): rendered here, in order.
    const links = documentLinksFrom(table);
    for (let index = nextToDeliver; index < jobs.length; index += 1) {
      const job = jobs[index];
      if (!job || outcomes.has(index)) continue;
      outcomes.set(index, await renderDocument(job, links, this.assetsHere(), this.analyserHere()));
    }
    flush();
  }

  /**
   * The workers and this thread take jobs from one queue. This thread renders too: its modules are
   * already loaded and warm, so on two cores one worker plus this thread beats two workers (each
   * worker pays its own start-up and JIT warm-up).
   */
  private runInWorkers(
    jobs: readonly RenderJob[],
    table: DocumentLinkTable,
    received: (index: number, outcome: RenderOutcome) => void,
  ): Promise<void> {
    let nextJob = 0;
    let settledLanes = 0;
    const lanes = this.workers.length + (this.renderHere ? 1 : 0);
    if (lanes === 0 || jobs.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const laneSettled = (): void => {
        settledLanes += 1;
        if (settledLanes === lanes) resolve();
      };
      if (this.renderHere) {
        const links = documentLinksFrom(table);
        const renderLocally = async (): Promise<void> => {
          while (nextJob < jobs.length) {
            const index = nextJob;
            nextJob += 1;
            const job = jobs[index];
            if (job) received(index, await renderDocument(job, links, this.assetsHere(), this.analyserHere()));
            // Let the workers' results and requests for more jobs in between documents.
            await new Promise<void>((done) => setImmediate(done));
          }
        };
        // Start after the workers got their first jobs (below, synchronously).
        setImmediate(() => void renderLocally().finally(laneSettled));
      }
      for (const worker of this.workers) {
        if (this.exited.has(worker)) {
          laneSettled(); // died before any job: its share is rendered by the others and this thread
          continue;
        }
        let inFlight = 0;
        let settled = false;
        const settle = (): void => {
          if (settled) return;
          settled = true;
          worker.removeAllListeners('message');
          laneSettled();
        };
        const sendNext = (): void => {
          while (nextJob < jobs.length && inFlight < jobsAheadOf(jobs.length - nextJob, lanes)) {
            const index = nextJob;
            const job = jobs[index];
            nextJob += 1;
            if (!job) continue;
            try {
              worker.postMessage({ kind: 'render', index, job } satisfies ToRenderWorker);
              inFlight += 1;
            } catch {
              // Not copyable to a thread: left for the in-thread pass after the workers.
            }
          }
          if (inFlight === 0) settle();
        };
        const decoder = new AnalysisDecoder(this.strings);
        worker.on('message', (message: FromRenderWorker) => {
          if (message.kind !== 'rendered') return;
          inFlight -= 1;
          received(message.index, this.fromWire(message, decoder));
          sendNext();
        });
        // A worker that fails stops taking jobs; its unfinished ones are rendered in this thread.
        worker.once('error', settle);
        worker.once('exit', settle);
        try {
          worker.postMessage({ kind: 'links', table, analyse: this.analyse } satisfies ToRenderWorker);
          sendNext();
        } catch {
          settle();
        }
      }
    });
  }

  private fromWire(message: RenderedByWorker, decoder: AnalysisDecoder): RenderOutcome {
    const assets: ImportedAsset[] = message.assets.map((asset) => {
      if (asset.bytes) this.bytesById.set(asset.id, asset.bytes);
      const bytes = this.bytesById.get(asset.id);
      if (!bytes) throw new Error(`render worker reported image ${asset.id} without its bytes`);
      return {
        id: asset.id,
        mime: asset.mime,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        source: asset.source,
      };
    });
    const analysis = message.analysis ? decoder.decode(message.analysis) : null;
    return {
      document: message.document,
      analysis,
      warnings: message.warnings,
      assets,
      fingerprint: message.fingerprint,
    };
  }

  private analyserHere(): DocumentAnalyser | null {
    if (!this.analyse) return null;
    this.localAnalyser ??= createDocumentAnalyser(this.strings);
    return this.localAnalyser;
  }

  private assetsHere(): AssetStore {
    this.localAssets ??= new AssetStore();
    return this.localAssets;
  }

  /** Stops every worker (idempotent). */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate().catch(() => undefined)));
  }
}

/**
 * V8 heap limits of a render worker. Its live heap is small and bounded (parsers, the analysis
 * memos of at most 400,000 words, the thread's string table), but V8 lets an uncapped heap grow
 * to several times its live size between full collections, and at 100,000 documents that slack
 * was part of a build's peak over 1 GB. The old generation is capped well above what one
 * document needs (the largest Markdown the importer parses, 512 KB, builds trees of tens of MB);
 * a worker that still ran out would end, and the pool renders its documents in the main thread.
 */
export const RENDER_WORKER_RESOURCE_LIMITS: { readonly maxOldGenerationSizeMb: number } = {
  maxOldGenerationSizeMb: 384,
};

/**
 * Jobs a worker may hold, with `unsent` jobs not yet handed out to any of `lanes` lanes: the usual
 * JOBS_IN_FLIGHT_PER_WORKER until a lane's share of the rest (halved) is smaller.
 */
export function jobsAheadOf(unsent: number, lanes: number): number {
  return Math.min(
    JOBS_IN_FLIGHT_PER_WORKER,
    Math.max(MIN_JOBS_IN_FLIGHT_PER_WORKER, Math.ceil(unsent / (2 * Math.max(1, lanes)))),
  );
}

function startWorker(script: URL): Worker {
  const source = script.pathname.endsWith('.ts');
  // Options written out in full at each call: Vite's worker plugin (vitest transforms this file)
  // refuses a spread in the options of `new Worker(new URL(…))`.
  const worker = source
    ? new Worker(new URL('./render-worker-bootstrap.mjs', import.meta.url), {
        resourceLimits: RENDER_WORKER_RESOURCE_LIMITS,
        workerData: { entry: script.href },
      })
    : new Worker(script, { resourceLimits: RENDER_WORKER_RESOURCE_LIMITS });
  // A failure is handled by the pool (the worker's documents are rendered in the main thread).
  worker.on('error', () => undefined);
  return worker;
}

/**
 * The render worker's script beside this module: `render-worker.ts` when running from sources,
 * `render-worker.{js,mjs,cjs}` beside compiled code or a bundle (a bundle's build must emit it
 * there, or pass `ImportOptions.workerScript`). Null when there is none: documents are then
 * rendered in the main thread.
 */
export function defaultRenderWorkerScript(): URL | null {
  const folder = moduleFolder();
  if (!folder) return null;
  for (const name of ['render-worker.ts', 'render-worker.js', 'render-worker.mjs', 'render-worker.cjs']) {
    const candidate = new URL(name, folder);
    if (existsSync(fileURLToPath(candidate))) return candidate;
  }
  return null;
}

/** This module's folder as a file URL (ends in `/`): from `import.meta.url`, or `__filename` in a CommonJS bundle. */
function moduleFolder(): URL | null {
  const here: unknown = import.meta.url;
  if (typeof here === 'string' && here.startsWith('file:')) return new URL('./', here);
  if (typeof __filename === 'string') return new URL('./', pathToFileURL(__filename));
  return null;
}
