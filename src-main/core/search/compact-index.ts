import { z } from 'zod';
import lunr from 'lunr';

import { endianness } from 'node:os';
import { packList, unpackList } from './packed-list';
import { decodeVarints, encodeVarints } from './varint';

/**
 * The stored form of the search index (format `lunr-compact-5`), and its in-memory form.
 *
 * Why this shape: Lunr scores a query by taking, for every (field, document) that matched,
 * the dot product of the query vector with that document's whole field vector, so it needs
 * every matched document's field vectors in memory (decoded, cached: 2.7 GB peak at 10,000
 * documents) and walks hundreds of vector elements per match. But a dot product with a query
 * vector only ever uses the elements of the query's own terms. So each term's posting here
 * carries, for every document that holds it, that document's vector element for the term
 * (the BM25 score Lunr computed at build time). Scoring is then term at a time over the
 * postings of the query's terms only, with the same numbers in the same order of addition
 * (see query-runner.ts), and nothing of a document is loaded to score it.
 *
 * - `refs`: document refs, sorted; everything else refers to a document by its position.
 * - `terms`: index terms in sorted order (Lunr's serialisation order).
 * - `termOrder` (Int32, one per term): Lunr's `_index` of the term, i.e. its dimension in
 *   Lunr's vectors. Kept so query vectors add up in Lunr's order (bit-identical scores).
 * - `postings[t]` (Int32 in memory, varints on disk: search/varint.ts), one per term, stored as one
 *   row each and read on first use: for each field in `fields` order, `count` then `count` pairs
 *   (ref position delta, score × 1000). Nearly all are below 16,384: two bytes instead of four.
 *   Long postings are brotli-compressed behind a header byte (search/packed-list.ts).
 *   Lunr rounds every stored score to 3 decimals, so k / 1000 is the very same double
 *   (checked when writing).
 * - `tokenSet` (Int32): Lunr's minimised token set (the DAG of all terms that wildcard and fuzzy
 *   clauses are intersected with), node by node in depth-first order from the root:
 *   `final (0|1), edgeCount, (charCode, childNode) × edgeCount`. Decoded on the first wildcard
 *   or fuzzy query, not at open.
 */

export const COMPACT_FORMAT = 'lunr-compact-5';

interface SerialisedLunrIndex {
  version: string;
  fields: string[];
  fieldVectors: Array<[string, number[]]>;
  invertedIndex: Array<[string, Record<string, unknown> & { _index: number }]>;
  pipeline: string[];
}

export interface CompactIndex {
  format: typeof COMPACT_FORMAT;
  lunrVersion: string;
  fields: string[];
  pipeline: string[];
  refs: string[];
  terms: string[];
  termOrder: Int32Array;
  tokenSet: Int32Array;
  /** One per term (same order as `terms`). */
  postings: Int32Array[];
}

/** The part of the index read when an archive opens (search_index row). */
export interface StoredIndexParts {
  /** JSON of format, lunrVersion, fields, pipeline. */
  header: string;
  /** Refs and terms joined by newlines (neither can contain one: ids are hex, terms are word chars). */
  refs: string;
  terms: string;
  termOrder: Buffer;
  tokenSet: Buffer;
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
});

/** What the searcher needs of a loaded index; postings come from `readPosting` on demand. */
export interface IndexHeader {
  lunrVersion: string;
  fields: string[];
  pipeline: string[];
  refs: string[];
  terms: string[];
  termOrder: Int32Array;
  tokenSet: Int32Array;
}

export function encodeIndex(compact: CompactIndex): StoredIndex {
  assertLittleEndian();
  const header: z.input<typeof headerSchema> = {
    format: compact.format,
    lunrVersion: compact.lunrVersion,
    fields: compact.fields,
    pipeline: compact.pipeline,
  };
  return {
    parts: {
      header: JSON.stringify(header),
      refs: joinLines(compact.refs, 'ref'),
      terms: joinLines(compact.terms, 'term'),
      termOrder: bytes(compact.termOrder),
      tokenSet: bytes(compact.tokenSet),
    },
    postings: compact.postings.map(encodePosting),
  };
}

/** One term's posting as stored (a search_postings row), for writers that stream them. */
export function encodePosting(posting: Int32Array): Buffer {
  return packList(encodeVarints(posting));
}

export function decodeIndexHeader(parts: StoredIndexParts): IndexHeader {
  assertLittleEndian();
  const header = headerSchema.parse(JSON.parse(parts.header));
  if (header.format !== COMPACT_FORMAT) {
    throw new Error(`unknown search index format "${header.format}" (expected ${COMPACT_FORMAT})`);
  }
  const decoded: IndexHeader = {
    lunrVersion: header.lunrVersion,
    fields: header.fields,
    pipeline: header.pipeline,
    refs: parts.refs === '' ? [] : parts.refs.split('\n'),
    terms: parts.terms === '' ? [] : parts.terms.split('\n'),
    termOrder: toInt32(parts.termOrder, 'term order'),
    tokenSet: toInt32(parts.tokenSet, 'token set'),
  };
  // Terms are looked up by binary search (term-index.ts): they must be in code-unit order.
  for (let i = 1; i < decoded.terms.length; i += 1) {
    if (!((decoded.terms[i - 1] ?? '') < (decoded.terms[i] ?? ''))) {
      throw new Error('the stored search index terms are not sorted; rebuild the corpus');
    }
  }
  if (decoded.termOrder.length !== decoded.terms.length) {
    throw new Error('the stored search index is inconsistent (array lengths do not match); rebuild the corpus');
  }
  return decoded;
}

/** A posting blob as Int32 numbers, checked against the field count and the number of documents. */
export function decodePosting(blob: Buffer, fieldCount: number, refCount: number): Int32Array {
  const posting = decodeVarints(unpackList(blob, 'search index postings'), 'search index postings');
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
  return posting;
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

/** Lunr's index turned into per-term postings that carry the field-vector scores. */
export function compactIndex(index: lunr.Index): CompactIndex {
  const serialised = index.toJSON() as unknown as SerialisedLunrIndex;
  const { fields } = serialised;
  const fieldCount = fields.length;
  const refSet = new Set<string>();
  for (const [fieldRef] of serialised.fieldVectors) refSet.add(fieldRef.slice(fieldRef.indexOf('/') + 1));
  const refs = [...refSet].sort();
  const refPosition = new Map(refs.map((ref, i) => [ref, i]));
  const fieldPosition = new Map(fields.map((field, i) => [field, i]));

  const vectorOf = new Array<number[] | undefined>(refs.length * fieldCount);
  for (const [fieldRef, elements] of serialised.fieldVectors) {
    const slash = fieldRef.indexOf('/');
    const field = fieldPosition.get(fieldRef.slice(0, slash));
    const ref = refPosition.get(fieldRef.slice(slash + 1));
    if (field === undefined || ref === undefined)
      throw new Error(`search index vector names unknown field or document in ${fieldRef}`);
    vectorOf[ref * fieldCount + field] = elements;
  }

  const terms = serialised.invertedIndex.map(([term]) => term);
  const termOrder = Int32Array.from(serialised.invertedIndex.map(([, posting]) => posting._index));
  const termByOrder = new Map<number, number>();
  termOrder.forEach((order, t) => termByOrder.set(order, t));

  // Per term and field: (ref position, thousandths) pairs, refs ascending (vectors visited in ref order).
  const lists: number[][][] = terms.map(() => fields.map(() => []));
  for (let ref = 0; ref < refs.length; ref += 1) {
    for (let field = 0; field < fieldCount; field += 1) {
      const elements = vectorOf[ref * fieldCount + field];
      // Lunr makes a vector for every field of every document, even an empty one.
      if (!elements) throw new Error(`search index lacks the ${fields[field]} vector of ${refs[ref]}`);
      for (let i = 0; i < elements.length; i += 2) {
        const t = termByOrder.get(elements[i] ?? 0);
        if (t === undefined) throw new Error(`search index vector of ${refs[ref]} names unknown term ${elements[i]}`);
        const score = elements[i + 1] ?? 0;
        const thousandths = Math.round(score * 1000);
        if (thousandths / 1000 !== score || Math.abs(thousandths) > 0x7fffffff) {
          throw new Error(`search index score ${score} is not in thousandths as Lunr stores them`);
        }
        (lists[t]?.[field] as number[]).push(ref, thousandths);
      }
    }
  }

  const postings = serialised.invertedIndex.map(([term, posting], t) => {
    const out: number[] = [];
    fields.forEach((field, f) => {
      const byRef = (posting[field] ?? {}) as Record<string, object>;
      const pairs = lists[t]?.[f] as number[];
      // The vectors and the inverted index must tell the same story; refuse to store anything else.
      if (Object.keys(byRef).length !== pairs.length / 2)
        throw new Error(`search index posting of "${term}" in ${field} disagrees with the vectors`);
      for (const metadata of Object.values(byRef)) {
        // Without a metadata whitelist Lunr stores nothing per posting; refuse to drop anything.
        if (Object.keys(metadata).length > 0)
          throw new Error('compactIndex supports indexes without posting metadata only');
      }
      out.push(pairs.length / 2);
      let previous = 0;
      for (let i = 0; i < pairs.length; i += 2) {
        out.push((pairs[i] ?? 0) - previous, pairs[i + 1] ?? 0);
        previous = pairs[i] ?? 0;
      }
    });
    return Int32Array.from(out);
  });

  return {
    format: COMPACT_FORMAT,
    lunrVersion: serialised.version,
    fields,
    pipeline: serialised.pipeline,
    refs,
    terms,
    termOrder,
    tokenSet: encodeTokenSet(index.tokenSet),
    postings,
  };
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

/** Lunr's TokenSet, node for node, from its stored form (~10× cheaper than TokenSet.fromArray). */
export function decodeTokenSet(data: Int32Array): lunr.TokenSet {
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
      const child = nodes[data[at + 3 + 2 * e] ?? 0];
      if (!child) throw new Error('the stored search index token set is inconsistent; rebuild the corpus');
      node.edges[String.fromCharCode(data[at + 2 + 2 * e] ?? 0)] = child;
    }
  });
  const root = nodes[0];
  if (!root) throw new Error('the stored search index has an empty token set; rebuild the corpus');
  return root;
}
