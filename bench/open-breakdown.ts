/**
 * Where openArchive's time goes at one size, step by step, each step timed alone (wall and CPU):
 *   tsx bench/open-breakdown.ts <db.sqlite>
 * The steps follow openArchive (store/archive.ts): open the reader, read the search_index row,
 * decode its header (refs, terms, term order), read and load the search catalog; then the whole
 * openArchive in the same process (its modules already loaded, as in a second open), and the
 * first posting read (field lengths decoded then, not at open).
 */
import { decodeIndexHeader, decodeTokenSet } from '../src-main/core/search/compact-index';
import { loadCatalog } from '../src-main/core/search/search-catalog';
import { CorpusReader } from '../src-main/core/store/corpus-reader';
import { openArchive } from '../src-main/core/store/archive';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/open-breakdown.ts <db.sqlite>');

function step<T>(label: string, run: () => T): T {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = run();
  const used = process.cpuUsage(cpu);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = (used.user + used.system) / 1000;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${label.padEnd(30)} ${wallMs.toFixed(1).padStart(8)} ms wall ${cpuMs.toFixed(1).padStart(8)} ms CPU  rss ${rssMb.toFixed(0)} MB`,
  );
  return value;
}

const reader = step('open reader', () => new CorpusReader(file));
const parts = step('read search_index row', () => reader.searchIndex().parts);
console.log(
  `  refs ${(parts.refs.length / 1e6).toFixed(2)} M chars, terms ${(parts.terms.length / 1e6).toFixed(2)} M chars, ` +
    `term order ${(parts.termOrder.byteLength / 1e6).toFixed(2)} MB, token set ${(parts.tokenSet.byteLength / 1e6).toFixed(2)} MB, ` +
    `field lengths ${(parts.fieldLengths.byteLength / 1e6).toFixed(2)} MB`,
);
step('split refs', () => parts.refs.split('\n').length);
step('split terms', () => parts.terms.split('\n').length);
const header = step('decode header (all)', () => decodeIndexHeader(parts));
console.log(`  terms ${header.terms.length}, refs ${header.refs.length}`);
const stored = step('read search_catalog row', () => reader.searchCatalog());
step('load catalog', () => loadCatalog(stored, header.refs.length));
step('token set (lazy, 1st wildcard)', () => decodeTokenSet(header.tokenSet));
step('field lengths (lazy, 1st posting)', () => header.scoring.fieldLengths().length);
const archive = step('openArchive (all, modules warm)', () => openArchive(file));
step('first search (gobierno)', () => archive.search({ query: 'gobierno', limit: 20 }).total);
archive.close();
reader.close();
