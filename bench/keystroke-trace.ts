/**
 * What ran on a phone keystroke's page between the search's answer and the frame that showed its
 * rows, read from a trace written by `tsx bench/ui-latency.ts --phone-only --trace <file>`.
 *
 * For each keystroke (marks `key:<query>` and `rows:<query>` in the trace): key → request sent,
 * request → answer received (the network events of the first search after the key), then every
 * task of the renderer's main thread from the answer to the rows' frame, with what it held:
 * scripts, style recalculations (elements), layouts (objects dirty / total), paints, garbage
 * collections, timers, animation frames and observers. Durations are as the throttled CPU ran them.
 *
 * Usage: tsx bench/keystroke-trace.ts trace.json [--all] (`--all`: every event of the window, not only the large ones)
 */
import { readFileSync } from 'node:fs';
import { median } from './stats';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event (µs): unlike `dur`, not stretched by other processes on a loaded machine. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: TraceArgs;
}

interface TraceArgs {
  data?: Record<string, unknown>;
  beginData?: Record<string, unknown>;
  endData?: Record<string, unknown>;
  name?: string;
  elementCount?: number;
  usedHeapSizeBefore?: number;
  usedHeapSizeAfter?: number;
}

/** Events that say what a task did; the others (wrappers, probes) are counted in their parents. */
const NAMED_WORK = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'V8.ParseFunction',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MinorGC',
  'MajorGC',
  'V8.GC_SCAVENGER',
  'V8.GC_MC_INCREMENTAL',
  'V8.GCScavenger',
  'BlinkGC.AtomicPhase',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
  'ResourceReceivedData',
  'ResourceFinish',
  'ResourceReceiveResponse',
  'ParseHTML',
  'HitTest',
  'ScrollLayer',
  'UpdateLayer',
  'IntersectionObserverController::computeIntersections',
  'ResizeObserverController::DeliverObservations',
  'ComputeIntersections',
  'v8.callFunction',
  'v8.run',
]);

function loadTrace(file: string): TraceEvent[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** The renderer's main thread: the one whose process and thread carry the keystroke marks. */
function mainThreadOf(events: TraceEvent[]): { pid: number; tid: number } {
  const mark = events.find((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('key:'));
  if (!mark) throw new Error('no key: marks in the trace: was it written by ui-latency.ts --trace?');
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === mark.pid && e.args?.name === 'CrRendererMain',
  );
  return { pid: mark.pid, tid: main?.tid ?? mark.tid };
}

/** A trace argument as text (numbers and strings as they are, anything else as `?`). */
function text(value: unknown, fallback = '?'): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : fallback;
}

function detail(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  const begin = event.args?.beginData ?? {};
  const end = event.args?.endData ?? {};
  const parts: string[] = [];
  if (event.name === 'UpdateLayoutTree')
    parts.push(`${text(event.args?.elementCount ?? data.elementCount ?? end.elementCount)} elements`);
  if (event.name === 'Layout') {
    parts.push(`${text(begin.dirtyObjects)}/${text(begin.totalObjects)} objects`);
    if (begin.partialLayout === true) parts.push('partial');
  }
  if (event.name === 'FunctionCall' && typeof data.url === 'string') {
    const file = data.url.split('/').pop() ?? '';
    parts.push(`${text(data.functionName, '') || '(anonymous)'} ${file}:${text(data.lineNumber, '')}`);
  }
  if (event.name === 'EventDispatch' && typeof data.type === 'string') parts.push(data.type);
  if (event.name === 'TimerFire' && data.timerId !== undefined) parts.push(`timer ${text(data.timerId)}`);
  const before = event.args?.usedHeapSizeBefore;
  if ((event.name === 'MinorGC' || event.name === 'MajorGC') && before !== undefined) {
    const after = event.args?.usedHeapSizeAfter ?? before;
    parts.push(`${((before - after) / 1024).toFixed(0)} KiB freed`);
  }
  if (event.name.startsWith('Resource') && typeof data.requestId === 'string') parts.push(data.requestId);
  return parts.join(', ');
}

interface SearchNetwork {
  sentAt: number;
  answeredAt: number;
}

/** The first search request sent after `after` (µs): when it left and when its last byte was received. */
function searchAfter(events: TraceEvent[], after: number): SearchNetwork | null {
  const sent = events
    .filter(
      (e) =>
        e.name === 'ResourceSendRequest' &&
        e.ts >= after &&
        typeof e.args?.data?.url === 'string' &&
        e.args.data.url.includes('/api/search'),
    )
    .sort((a, b) => a.ts - b.ts)[0];
  const requestId = sent?.args?.data?.requestId;
  if (!sent || typeof requestId !== 'string') return null;
  const finish = events.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === requestId);
  return { sentAt: sent.ts, answeredAt: finish?.ts ?? Number.NaN };
}

function main(): void {
  const [file, ...flags] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/keystroke-trace.ts trace.json [--all]');
  const all = flags.includes('--all');
  const events = loadTrace(file);
  const thread = mainThreadOf(events);
  const onMain = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts);
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && /^(key|rows):/.test(e.name));
  const keys = marks.filter((e) => e.name.startsWith('key:')).sort((a, b) => a.ts - b.ts);
  const totals = new Map<string, { ms: number; count: number }>();
  const afterAnswer: number[] = [];
  const busyAfterAnswer: number[] = [];
  const cpuAfterAnswer: number[] = [];
  const committedAfterAnswer: number[] = [];
  for (const key of keys) {
    const query = key.name.slice('key:'.length);
    const rows = marks.find((e) => e.name === `rows:${query}` && e.ts > key.ts);
    const search = searchAfter(events, key.ts);
    if (!rows || !search) {
      console.log(`"${query}": no rows mark or no search request in the trace`);
      continue;
    }
    const ms = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
    console.log(
      `\n"${query}": key → request ${ms(key.ts, search.sentAt)} ms; request → answer ${ms(search.sentAt, search.answeredAt)} ms; answer → rows seen ${ms(search.answeredAt, rows.ts)} ms (key → rows ${ms(key.ts, rows.ts)} ms)`,
    );
    // Other requests on the link meanwhile (chunks, prefetches, facets): they share its bandwidth.
    const others = events.filter(
      (e) =>
        e.name === 'ResourceSendRequest' &&
        e.ts >= key.ts - 500_000 &&
        e.ts <= rows.ts &&
        typeof e.args?.data?.url === 'string' &&
        e.ts !== search.sentAt,
    );
    if (others.length > 0)
      console.log(
        `  other requests from 0.5 s before the key: ${others.map((e) => `${text(e.args?.data?.url).split('/').pop() ?? ''} at ${ms(key.ts, e.ts)} ms`).join('; ')}`,
      );
    // Tasks from shortly before the answer's end (its data arrives in the task that ends it) to the rows' frame.
    const from = search.answeredAt - 2000;
    const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= from && e.ts <= rows.ts);
    let busy = 0;
    let cpu = 0;
    for (const task of tasks) {
      if (task.ts >= search.answeredAt) cpu += task.tdur ?? 0;
      const taskEnd = task.ts + (task.dur ?? 0);
      busy += Math.min(taskEnd, rows.ts) - Math.max(task.ts, search.answeredAt);
      const inside = onMain.filter(
        (e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= taskEnd && NAMED_WORK.has(e.name),
      );
      const shown = inside.filter((e) => all || (e.dur ?? 0) >= 300);
      console.log(
        `  task at ${ms(search.answeredAt, task.ts)} ms, ${ms(0, task.dur ?? 0)} ms: ${shown.map((e) => `${e.name}${detail(e) ? ` (${detail(e)})` : ''} ${ms(0, e.dur ?? 0)}`).join('; ')}`,
      );
      for (const e of inside) {
        const total = totals.get(e.name) ?? { ms: 0, count: 0 };
        total.ms += (e.dur ?? 0) / 1000;
        total.count++;
        totals.set(e.name, total);
      }
    }
    console.log(`  main thread busy ${(busy / 1000).toFixed(1)} ms of ${ms(search.answeredAt, rows.ts)} ms`);
    // The mark is set in the frame's animation callbacks, before its style, layout and paint: the
    // frame reaches the screen when the main thread hands it to the compositor (its `Commit`).
    const commit = onMain.find((e) => e.name === 'Commit' && e.ts >= rows.ts);
    if (commit) {
      const committedAt = commit.ts + (commit.dur ?? 0);
      console.log(
        `  the rows' frame committed to the compositor ${ms(search.answeredAt, committedAt)} ms after the answer`,
      );
      committedAfterAnswer.push((committedAt - search.answeredAt) / 1000);
    }
    afterAnswer.push((rows.ts - search.answeredAt) / 1000);
    busyAfterAnswer.push(busy / 1000);
    cpuAfterAnswer.push(cpu / 1000);
  }
  console.log(
    `\nanswer → the rows' frame committed: median ${median(committedAfterAnswer).toFixed(1)} ms, max ${Math.max(...committedAfterAnswer).toFixed(1)} ms`,
  );
  console.log(
    `answer → rows seen: median ${median(afterAnswer).toFixed(1)} ms, max ${Math.max(...afterAnswer).toFixed(1)} ms; main thread busy in it: median ${median(busyAfterAnswer).toFixed(1)} ms, of which its CPU time (unthrottled, not stretched by load) median ${median(cpuAfterAnswer).toFixed(1)} ms (${afterAnswer.length} keystrokes)`,
  );
  console.log('\nover all keystrokes, from answer to rows (inclusive times, nested events counted in each):');
  for (const [name, total] of [...totals].sort((a, b) => b[1].ms - a[1].ms))
    console.log(`  ${name}: ${total.ms.toFixed(1)} ms in ${total.count}`);
}

main();
