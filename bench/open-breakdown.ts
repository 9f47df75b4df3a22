/**
 * Where openArchive's time goes at one size: index row, header decode, token set, summaries, searcher.
 *   tsx bench/open-breakdown.ts <db.sqlite>
 */
import { decodeIndexHeader, decodeTokenSet } from '../src-main/core/search/compact-index';
import { CorpusReader } from '../src-main/core/store/corpus-reader';
import { openArchive } from '../src-main/core/store/archive';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/open-breakdown.ts <db.sqlite>');
function step<T>(label: string, run: () => T): T {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = run();
  const used = process.cpuUsage(cpu);
  console.log(
    `${label.padEnd(24)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0).padStart(6)} ms wall ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms CPU  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
  return value;
}
const reader = step('open reader', () => new CorpusReader(file));
const parts = step('read index row', () => reader.searchIndex().parts);
const header = step('decode header', () => decodeIndexHeader(parts));
console.log(
  `terms ${header.terms.length}, refs ${header.refs.length}, token set ${header.tokenSet.length} bytes (packed)`,
);
step('token set (lazy)', () => decodeTokenSet(header.tokenSet));
step('summaries', () => reader.summaries());
step('openArchive (all)', () => openArchive(file));
