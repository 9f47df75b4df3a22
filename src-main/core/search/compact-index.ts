import * as z from 'zod';
import lunr from 'lunr';

import { endianness } from 'node:os';
import { packList, unpackList } from './packed-list';
import { scorePosting, type FieldLengths, type ScoringStatistics } from './posting-scores';
import { decodeUnsignedVarints, decodeVarints, encodeUnsignedVarints, encodeVarints } from './varint';

/**
 * The stored form of the search index (format `lunr-compact-7`), and its in-memory form.
 *
 * Why this shape: Lunr scores a query by taking, for every (field, document) that matched,
 * the dot product of the query vector with that document's whole field vector, so it needs
 * every matched document's field vectors in memory (decoded, cached: 2.7 GB peak at 10,000
 * documents) and walks hundreds of vector elements per match. But a dot product with a query
 * vector only ever uses the elements of the query's own terms. So each term's posting here
 * carries, for every document that holds it, that document's vector element for the term
 * (the BM25 score Lunr would compute at build time). Scoring is then term at a time over the
 * postings of the query's terms only, with the same numbers in the same order of addition
 * (see query-runner.ts), and nothing of a document is loaded to score it.
 *
 * - `refs`: document refs, sorted; everything else refers to a document by its position.
 * - `terms`: index terms in sorted order (Lunr's serialisation order).
 * - `termOrder` (Int32, one per term): Lunr's `_index` of the term, i.e. its dimension in
 *   Lunr's vectors. Kept so query vectors add up in Lunr's order (bit-identical scores).
 * - `postings[t]` (unsigned varints on disk: search/varint.ts), one per term, stored as one row each and
 *   read on first use: for each field in `fields` order, `count` then `count` pairs (ref position
 *   delta, term frequency). Long postings are brotli-compressed behind a header byte
 *   (search/packed-list.ts). Decoding turns each frequency into Lunr's score × 1000
 *   (posting-scores.ts), from the header's `fieldBoosts` and `averageFieldLengths` and the
 *   documents' `fieldLengths`: Lunr rounds every stored score to 3 decimals, so k / 1000 is the
 *   very same double. Until schema 5 the postings stored that score × 1000 itself: two or three
 *   bytes of digits that do not compress, where a frequency is one byte that does (postings 9.8 MB
 *   → 3.9 MB at 10,000 generated posts).
 * - `fieldLengths` (packed): every document's length in terms of every field, `ref × fields +
 *   field`, as fixed-width little-endian integers behind a byte giving their width (1, 2 or 4:
 *   the narrowest that holds the longest), read on the first posting read, not at open. Until
 *   lunr-compact-7 they were varints, decoded one by one by a loop that had not yet been
 *   optimised on a fresh server's first search (6 ms of CPU at 10,000 posts); fixed width they
 *   are a copy, packed about as small (41.1 against 36.2 kB at 10,000 generated posts).
 * - `tokenSet`: Lunr's minimised token set (the DAG of all terms that wildcard and fuzzy
 *   clauses are intersected with), node by node in depth-first order from the root:
 *   `final (0|1), edgeCount, (charCode, childNode) × edgeCount` (Int32 in memory). Stored as
 *   zigzag varints, packed (search/packed-list.ts), with each child as its distance from the
 *   node that points to it (children mostly follow closely in depth-first order): 670 kB of Int32
 *   were 154 kB that way at 10,000 posts (schema 6). Decoded on the first wildcard or fuzzy
 *   query, not at open.
 */

export const COMPACT_FORMAT = 'lunr-compact-7';

export interface CompactIndex {
  format: typeof COMPACT_FORMAT;
  lunrVersion: string;
  fields: string[];
  pipeline: string[];
  refs: string[];
  terms: string[];
  termOrder: Int32Array;
  tokenSet: Int32Array;
  /** One per term (same order as `terms`): per field, `count` then (ref delta, term frequency) pairs. */
  postings: Int32Array[];
  /** Per field: Lunr's boost and the field's average length in terms over all documents. */
  fieldBoosts: number[];
  averageFieldLengths: number[];
  /** Length in terms of field `f` of document `d` at `d × fields + f`. */
  fieldLengths: Int32Array;
}

/** The part of the index read when an archive opens (search_index row). */
export interface StoredIndexParts {
  /** JSON of format, lunrVersion, fields, pipeline. */
  header: string;
  /** Refs and terms joined by newlines (neither can contain one: ids are hex, terms are word chars). */
  refs: string;
  terms: string;
  termOrder: Buffer;
  /** Packed varints with relative child numbers (see above), decoded by decodeTokenSet. */
  tokenSet: Buffer;
  fieldLengths: Buffer;
}

/** The whole stored index: the parts above plus one posting blob per term (search_postings rows). */
export interface StoredIndex {
  parts: StoredIndexParts;
  postings: Buffer[];
}

/** The stored header, checked as it is read: a damaged one is refused with a reason, not half-used. */
const headerSchema = z.object({
  format: z.string(),
  lunrVersion: z.string(),
  fields: z.array(z.string()),
  pipeline: z.array(z.string()),
  fieldBoosts: z.array(z.number()),
  averageFieldLengths: z.array(z.number()),
});

/** What the searcher needs of a loaded index; postings come from `readPosting` on demand. */
export interface IndexHeader extends Pick<
  CompactIndex,
  'lunrVersion' | 'fields' | 'pipeline' | 'refs' | 'terms' | 'termOrder'
> {
  /** As stored: decodeTokenSet reads it when the first wildcard or fuzzy clause needs it. */
  tokenSet: Buffer;
  /** What decodePosting turns term frequencies into scores with. */
  scoring: ScoringStatistics;
}

export function encodeIndex(compact: CompactIndex): StoredIndex {
  assertLittleEndian();
  const header: z.input<typeof headerSchema> = {
    format: compact.format,
    lunrVersion: compact.lunrVersion,
    fields: compact.fields,
    pipeline: compact.pipeline,
    fieldBoosts: compact.fieldBoosts,
    // An empty corpus has 0 / 0 averages, which JSON cannot hold; no posting ever uses them.
    averageFieldLengths: compact.averageFieldLengths.map((average) => (Number.isFinite(average) ? average : 0)),
  };
  if (compact.fieldLengths.length !== compact.refs.length * compact.fields.length)
    throw new Error('search index field lengths do not match its documents and fields');
  return {
    parts: {
      header: JSON.stringify(header),
      refs: joinLines(compact.refs, 'ref'),
      terms: joinLines(compact.terms, 'term'),
      termOrder: bytes(compact.termOrder),
      tokenSet: packList(encodeVarints(relativeChildren(compact.tokenSet))),
      fieldLengths: packList(encodeFieldLengths(compact.fieldLengths)),
    },
    postings: compact.postings.map(encodePosting),
  };
}

/** One term's posting as stored (a search_postings row), for writers that stream them. */
export function encodePosting(posting: Int32Array): Buffer {
  return packList(encodeUnsignedVarints(posting));
}

export function decodeIndexHeader(parts: StoredIndexParts): IndexHeader {
  assertLittleEndian();
  const header = headerSchema.parse(JSON.parse(parts.header));
  if (header.format !== COMPACT_FORMAT) {
    throw new Error(`unknown search index format "${header.format}" (expected ${COMPACT_FORMAT})`);
  }
  const refs = parts.refs === '' ? [] : parts.refs.split('\n');
  const decoded: IndexHeader = {
    lunrVersion: header.lunrVersion,
    fields: header.fields,
    pipeline: header.pipeline,
    refs,
    terms: parts.terms === '' ? [] : parts.terms.split('\n'),
    termOrder: toInt32(parts.termOrder, 'term order'),
    tokenSet: parts.tokenSet,
    scoring: storedScoring(header, refs.length, parts.fieldLengths),
  };
  // Terms are looked up by binary search (term-index.ts): they must be in code-unit order.
  for (let i = 1; i < decoded.terms.length; i += 1) {
    if (!((decoded.terms[i - 1] ?? '') < (decoded.terms[i] ?? ''))) {
      throw new Error('the stored search index terms are not sorted; rebuild the corpus');
    }
  }
  if (
    decoded.termOrder.length !== decoded.terms.length ||
    header.fieldBoosts.length !== header.fields.length ||
    header.averageFieldLengths.length !== header.fields.length
  ) {
    throw new Error('the stored search index is inconsistent (array lengths do not match); rebuild the corpus');
  }
  return decoded;
}

/**
 * The statistics postings are scored with; the documents' field lengths are read on the first
 * posting read (opening an archive reads no per-document data) and checked against the counts.
 */
function storedScoring(
  header: z.output<typeof headerSchema>,
  documentCount: number,
  packedLengths: Buffer,
): ScoringStatistics {
  let lengths: FieldLengths | null = null;
  return {
    documentCount,
    fieldBoosts: header.fieldBoosts,
    averageFieldLengths: header.averageFieldLengths,
    fieldLengths() {
      lengths ??= decodeFieldLengths(
        unpackList(packedLengths, 'search index field lengths'),
        documentCount * header.fields.length,
      );
      return lengths;
    },
  };
}

/** Field lengths as stored: a width byte (1, 2 or 4), then each length in that many bytes, little-endian. */
function encodeFieldLengths(lengths: Int32Array): Buffer {
  let longest = 0;
  for (const length of lengths) {
    if (length < 0) throw new Error(`search index field length ${String(length)} is negative`);
    longest = Math.max(longest, length);
  }
  const width = longest < 0x100 ? 1 : longest < 0x10000 ? 2 : 4;
  const values =
    width === 1 ? Uint8Array.from(lengths) : width === 2 ? Uint16Array.from(lengths) : Uint32Array.from(lengths);
  return Buffer.concat([Buffer.of(width), Buffer.from(values.buffer, values.byteOffset, values.byteLength)]);
}

/** The lengths `encodeFieldLengths` wrote, `count` of them, in a typed array of their width (a copy: aligned). */
function decodeFieldLengths(bytes: Uint8Array, count: number): FieldLengths {
  const width = bytes[0];
  const mismatch = () =>
    new Error('the stored search index field lengths do not match its documents; rebuild the corpus');
  if ((width !== 1 && width !== 2 && width !== 4) || bytes.length !== 1 + count * width) throw mismatch();
  const lengths = width === 1 ? new Uint8Array(count) : width === 2 ? new Uint16Array(count) : new Uint32Array(count);
  new Uint8Array(lengths.buffer).set(bytes.subarray(1));
  return lengths;
}

/**
 * A posting blob as Int32 numbers, checked against the field count and the number of documents,
 * with every term frequency replaced by its score × 1000 (posting-scores.ts).
 */
export function decodePosting(blob: Buffer, header: Pick<IndexHeader, 'fields' | 'refs' | 'scoring'>): Int32Array {
  const fieldCount = header.fields.length;
  const refCount = header.refs.length;
  const posting = decodeUnsignedVarints(unpackList(blob, 'search index postings'), 'search index postings');
  let cursor = 0;
  let consistent = true;
  for (let f = 0; consistent && f < fieldCount; f += 1) {
    const count = posting[cursor] ?? -1;
    const end = cursor + 1 + 2 * count;
    if (count < 0 || end > posting.length) {
      consistent = false;
      break;
    }
    let ref = -1;
    for (let at = cursor + 1; at < end; at += 2) ref += (posting[at] ?? 0) + (at === cursor + 1 ? 1 : 0);
    if (ref >= refCount) consistent = false;
    cursor = end;
  }
  if (!consistent || cursor !== posting.length) {
    throw new Error(
      'the stored search index is inconsistent (a posting does not match the documents); rebuild the corpus',
    );
  }
  return scorePosting(posting, header.scoring);
}

function bytes(array: Int32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function joinLines(values: readonly string[], what: string): string {
  const bad = values.find((value) => value.includes('\n'));
  if (bad !== undefined) throw new Error(`search index ${what} contains a line break: ${JSON.stringify(bad)}`);
  return values.join('\n');
}

/** Copies (SQLite's buffers need not be aligned for a typed-array view). */
function toInt32(blob: Buffer, what: string): Int32Array {
  if (blob.byteLength % 4 !== 0) throw new Error(`the stored search index ${what} are truncated; rebuild the corpus`);
  const array = new Int32Array(blob.byteLength / 4);
  new Uint8Array(array.buffer).set(blob);
  return array;
}

/** The blobs are written in the machine's byte order; every platform the app ships on is little-endian. */
function assertLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('the stored search index format needs a little-endian machine');
}

export function encodeTokenSet(root: lunr.TokenSet): Int32Array {
  const numbers = new Map<lunr.TokenSet, number>();
  const order: lunr.TokenSet[] = [];
  const stack: lunr.TokenSet[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (numbers.has(node)) continue;
    numbers.set(node, order.length);
    order.push(node);
    for (const child of Object.values(node.edges).reverse()) if (child) stack.push(child);
  }
  const out: number[] = [];
  for (const node of order) {
    const keys = Object.keys(node.edges);
    out.push(node.final ? 1 : 0, keys.length);
    for (const key of keys) {
      if (key.length !== 1) throw new Error(`token set edge "${key}" is not one code unit`);
      const child = node.edges[key];
      const number = child && numbers.get(child);
      if (number === undefined) throw new Error(`token set edge "${key}" leads to no node`);
      out.push(key.charCodeAt(0), number);
    }
  }
  return Int32Array.from(out);
}

/** The token set numbers with every child node number made relative to its parent node's. */
function relativeChildren(tokenSet: Int32Array): Int32Array {
  const relative = Int32Array.from(tokenSet);
  let node = 0;
  for (let at = 0; at < relative.length; at += 2 + 2 * (relative[at + 1] ?? 0), node += 1) {
    for (let e = 0; e < (relative[at + 1] ?? 0); e += 1) {
      const child = at + 3 + 2 * e;
      relative[child] = (relative[child] ?? 0) - node;
    }
  }
  return relative;
}

/** Lunr's TokenSet, node for node, from its stored form (~10× cheaper than TokenSet.fromArray). */
export function decodeTokenSet(stored: Buffer): lunr.TokenSet {
  const data = decodeVarints(unpackList(stored, 'search index token set'), 'search index token set');
  const nodes: lunr.TokenSet[] = [];
  const starts: number[] = [];
  for (let at = 0; at < data.length; at += 2 + 2 * (data[at + 1] ?? 0)) {
    starts.push(at);
    nodes.push(new lunr.TokenSet());
  }
  nodes.forEach((node, n) => {
    const at = starts[n] ?? 0;
    node.final = data[at] === 1;
    const count = data[at + 1] ?? 0;
    for (let e = 0; e < count; e += 1) {
      const child = nodes[n + (data[at + 3 + 2 * e] ?? 0)];
      if (!child) throw new Error('the stored search index token set is inconsistent; rebuild the corpus');
      node.edges[String.fromCharCode(data[at + 2 + 2 * e] ?? 0)] = child;
    }
  });
  const root = nodes[0];
  if (!root) throw new Error('the stored search index has an empty token set; rebuild the corpus');
  return root;
}
