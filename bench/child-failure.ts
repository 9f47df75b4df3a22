/**
 * Why a benchmark child failed, in a few words for a table row (run.ts): the engines that hold
 * their whole index in memory cannot all load 100,000 documents, and a row of dashes would not
 * say whether an engine was skipped, crashed or ran out of memory.
 */

/**
 * The step (the text before the first colon), then what stopped it: out of memory (V8's heap
 * limit), V8's string limit when one huge index is serialised, a time-out, a signal; else the
 * message's first line.
 * @param heapMb the child's heap limit, named in the out-of-memory reason
 */
export function shortFailure(message: string, heapMb: number | null): string {
  const step = message.split(':')[0] ?? 'step';
  // child-memory-guard.ts: the build ended early, with the figures that show it cannot fit.
  const projected = /out of memory, projected: [^\n]*\)/.exec(message);
  if (projected) return `${step}: ${projected[0]}`;
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(message))
    return `${step}: out of memory${heapMb === null ? '' : ` (heap limit ${String(heapMb)} MB)`}`;
  if (/Invalid string length|Cannot create a string longer/i.test(message))
    return `${step}: index too large for one JavaScript string (V8's limit is about 512 MB)`;
  const timedOut = /timed out after \d+ min/.exec(message);
  if (timedOut) return `${step}: ${timedOut[0]}`;
  const signal = /signal (SIG[A-Z]+)/.exec(message);
  if (signal) return `${step}: killed (${signal[1] ?? 'signal'})`;
  return (message.split('\n')[0] ?? message).slice(0, 160);
}
