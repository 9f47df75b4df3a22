/**
 * Where openArchive's time goes at one size: JSON parse, index load, summaries, searcher.
 *   tsx bench/open-breakdown.ts <db.sqlite>
 */
import { decodeIndexParts, loadCompactIndex } from '../src-main/core/search/compact-index';
import { CorpusReader } from '../src-main/core/store/corpus-reader';
import { openArchive } from '../src-main/core/archive';
import { createSpanishAnalyzer } from '../src-main/core/search/analyzer';
import lunr from 'lunr';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/open-breakdown.ts <db.sqlite>');
function step<T>(label: string, run: () => T): T {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = run();
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(24)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0).padStart(6)} ms wall ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms CPU  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  return value;
}
const parts = step('read index row', () => new CorpusReader(file).searchIndex().parts);
const compact = step('decode parts', () => decodeIndexParts(parts));
console.log(`terms ${compact.terms.length}, refs ${compact.refs.length}, vector numbers ${compact.vectorData.length}, posting numbers ${compact.postingData.length}`);
createSpanishAnalyzer();
step('tokenSet', () => (lunr.TokenSet as unknown as { fromArray(w: string[]): lunr.TokenSet }).fromArray(compact.terms));
step('loadCompactIndex', () => loadCompactIndex(compact));
step('openArchive (all)', () => openArchive(file));
