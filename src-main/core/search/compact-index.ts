import lunr from 'lunr';

import { endianness } from 'node:os';

/**
 * The stored form of a Lunr index, and its loader.
 *
 * Why: Lunr's own JSON spells every posting as `"<16-hex-id>": {}` and every field vector as
 * `"field/<id>": [numbers]`. At 10,000 documents that was ~110 MB of JSON (42 MB in the first
 * compact JSON form) whose read + parse alone cost ~2 s of CPU, against a 1 s budget to open
 * the archive. So the numbers are stored as binary arrays and only the strings as text:
 *
 * - `refs`: document refs, sorted; everything else refers to a document by its position.
 * - `terms`: index terms in Lunr's (sorted) order; a term's position is its place here.
 * - `postingStarts` (Int32, terms + 1 entries) / `postingData` (Int32): the posting of term t
 *   is `postingData[postingStarts[t] .. postingStarts[t + 1])` = `[_index, n0, d.., n1, d.., ...]`,
 *   one group per field: count, then delta-encoded ref positions.
 * - `vectorStarts` (Int32, refs × fields + 1 entries) / `vectorData` (Int32): the field vector
 *   of (ref r, field f) is `vectorData[vectorStarts[r·F + f] .. vectorStarts[r·F + f + 1])`,
 *   Lunr's elements as (term `_index`, score × 1000) pairs. Lunr rounds every stored score to
 *   3 decimals (`Math.round(score * 1000) / 1000`), so k / 1000 gives back the very same double
 *   (checked when writing); half the bytes of Float64.
 * - `tokenSet` (Int32): Lunr's minimised token set (the trie/DAG of all terms that every query
 *   clause is intersected with), node by node in depth-first order from the root:
 *   `final (0|1), edgeCount, (charCode, childNode) × edgeCount`. Rebuilding its nodes is ~10×
 *   cheaper than `TokenSet.fromArray(terms)`, which re-minimises the whole vocabulary.
 *
 * Loading rebuilds nothing from documents. It does what `lunr.Index.load` does (field vectors,
 * the token set of all terms, the registered pipeline, then `new lunr.Index`), except that a
 * term's posting is decoded the first time a query touches it, and a field vector is decoded
 * from `vectorData` the first time a query scores that document: most queries touch a
 * handful of the tens of thousands of terms.
 */

export const COMPACT_FORMAT = 'lunr-compact-3';

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
  postingStarts: Int32Array;
  postingData: Int32Array;
  vectorStarts: Int32Array;
  vectorData: Int32Array;
  tokenSet: Int32Array;
}

/** What the corpus database stores (search_index columns): text for strings, blobs for numbers. */
export interface StoredIndexParts {
  /** JSON of format, lunrVersion, fields, pipeline. */
  header: string;
  /** Refs and terms joined by newlines (neither can contain one: ids are hex, terms are word chars). */
  refs: string;
  terms: string;
  postingStarts: Buffer;
  postingData: Buffer;
  vectorStarts: Buffer;
  vectorData: Buffer;
  tokenSet: Buffer;
}

interface Header {
  format: string;
  lunrVersion: string;
  fields: string[];
  pipeline: string[];
}

export function encodeIndexParts(compact: CompactIndex): StoredIndexParts {
  assertLittleEndian();
  const header: Header = { format: compact.format, lunrVersion: compact.lunrVersion, fields: compact.fields, pipeline: compact.pipeline };
  const bytes = (array: Int32Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return {
    header: JSON.stringify(header),
    refs: joinLines(compact.refs, 'ref'),
    terms: joinLines(compact.terms, 'term'),
    postingStarts: bytes(compact.postingStarts),
    postingData: bytes(compact.postingData),
    vectorStarts: bytes(compact.vectorStarts),
    vectorData: bytes(compact.vectorData),
    tokenSet: bytes(compact.tokenSet),
  };
}

export function decodeIndexParts(parts: StoredIndexParts): CompactIndex {
  assertLittleEndian();
  const header = JSON.parse(parts.header) as Header;
  if (header.format !== COMPACT_FORMAT) {
    throw new Error(`unknown search index format "${String(header.format)}" (expected ${COMPACT_FORMAT})`);
  }
  const compact: CompactIndex = {
    format: COMPACT_FORMAT,
    lunrVersion: header.lunrVersion,
    fields: header.fields,
    pipeline: header.pipeline,
    refs: parts.refs === '' ? [] : parts.refs.split('\n'),
    terms: parts.terms === '' ? [] : parts.terms.split('\n'),
    postingStarts: toInt32(parts.postingStarts, 'posting starts'),
    postingData: toInt32(parts.postingData, 'postings'),
    vectorStarts: toInt32(parts.vectorStarts, 'vector starts'),
    vectorData: toInt32(parts.vectorData, 'vectors'),
    tokenSet: toInt32(parts.tokenSet, 'token set'),
  };
  const fieldCount = compact.fields.length;
  if (
    compact.postingStarts.length !== compact.terms.length + 1 ||
    compact.postingStarts[compact.terms.length] !== compact.postingData.length ||
    compact.vectorStarts.length !== compact.refs.length * fieldCount + 1 ||
    compact.vectorStarts[compact.refs.length * fieldCount] !== compact.vectorData.length
  ) {
    throw new Error('the stored search index is inconsistent (array lengths do not match); rebuild the corpus');
  }
  return compact;
}

function joinLines(values: readonly string[], what: string): string {
  const bad = values.find((value) => value.includes('\n'));
  if (bad !== undefined) throw new Error(`search index ${what} contains a line break: ${JSON.stringify(bad)}`);
  return values.join('\n');
}

/** Copies (SQLite's buffers need not be aligned for a typed-array view). */
function toInt32(bytes: Buffer, what: string): Int32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`the stored search index ${what} are truncated; rebuild the corpus`);
  const array = new Int32Array(bytes.byteLength / 4);
  new Uint8Array(array.buffer).set(bytes);
  return array;
}

/** The blobs are written in the machine's byte order; every platform the app ships on is little-endian. */
function assertLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('the stored search index format needs a little-endian machine');
}

export function compactIndex(index: lunr.Index): CompactIndex {
  const serialised = index.toJSON() as unknown as SerialisedLunrIndex;
  const { fields } = serialised;
  const refSet = new Set<string>();
  for (const [fieldRef] of serialised.fieldVectors) refSet.add(fieldRef.slice(fieldRef.indexOf('/') + 1));
  const refs = [...refSet].sort();
  const refPosition = new Map(refs.map((ref, i) => [ref, i]));
  const position = (ref: string): number => {
    const found = refPosition.get(ref);
    if (found === undefined) throw new Error(`search index posting names unknown document ${ref}`);
    return found;
  };

  const terms: string[] = [];
  const postingStarts = new Int32Array(serialised.invertedIndex.length + 1);
  const postingData: number[] = [];
  serialised.invertedIndex.forEach(([term, posting], t) => {
    terms.push(term);
    postingStarts[t] = postingData.length;
    postingData.push(posting._index);
    for (const field of fields) {
      const byRef = (posting[field] ?? {}) as Record<string, object>;
      for (const metadata of Object.values(byRef)) {
        // Without a metadata whitelist Lunr stores nothing per posting; refuse to drop anything.
        if (Object.keys(metadata).length > 0) throw new Error('compactIndex supports indexes without posting metadata only');
      }
      const positions = Object.keys(byRef).map(position).sort((a, b) => a - b);
      postingData.push(positions.length);
      let previous = 0;
      for (const p of positions) {
        postingData.push(p - previous);
        previous = p;
      }
    }
  });
  postingStarts[terms.length] = postingData.length;

  const fieldPosition = new Map(fields.map((field, i) => [field, i]));
  const vectorElements: Array<number[] | undefined> = new Array(refs.length * fields.length);
  for (const [fieldRef, elements] of serialised.fieldVectors) {
    const slash = fieldRef.indexOf('/');
    const field = fieldPosition.get(fieldRef.slice(0, slash));
    if (field === undefined) throw new Error(`search index vector names unknown field in ${fieldRef}`);
    vectorElements[position(fieldRef.slice(slash + 1)) * fields.length + field] = elements;
  }
  const vectorStarts = new Int32Array(vectorElements.length + 1);
  let total = 0;
  for (let slot = 0; slot < vectorElements.length; slot += 1) {
    const elements = vectorElements[slot];
    // Lunr makes a vector for every field of every document, even an empty one.
    if (!elements) throw new Error(`search index lacks the ${fields[slot % fields.length]} vector of ${refs[Math.floor(slot / fields.length)]}`);
    vectorStarts[slot] = total;
    total += elements.length;
  }
  vectorStarts[vectorElements.length] = total;
  const vectorData = new Int32Array(total);
  vectorElements.forEach((elements, slot) => {
    let at = vectorStarts[slot] as number;
    for (let i = 0; i < (elements as number[]).length; i += 2) {
      const term = (elements as number[])[i] as number;
      const score = (elements as number[])[i + 1] as number;
      const thousandths = Math.round(score * 1000);
      if (thousandths / 1000 !== score || Math.abs(thousandths) > 0x7fffffff) {
        throw new Error(`search index score ${score} is not in thousandths as Lunr stores them`);
      }
      vectorData[at++] = term;
      vectorData[at++] = thousandths;
    }
  });

  return {
    format: COMPACT_FORMAT,
    lunrVersion: serialised.version,
    fields,
    pipeline: serialised.pipeline,
    refs,
    terms,
    postingStarts,
    postingData: Int32Array.from(postingData),
    vectorStarts,
    vectorData,
    tokenSet: encodeTokenSet((index as unknown as { tokenSet: lunr.TokenSet }).tokenSet),
  };
}

interface TokenSetNode {
  final: boolean;
  edges: Record<string, TokenSetNode>;
}

function encodeTokenSet(root: lunr.TokenSet): Int32Array {
  const numbers = new Map<TokenSetNode, number>();
  const order: TokenSetNode[] = [];
  const stack: TokenSetNode[] = [root as unknown as TokenSetNode];
  while (stack.length > 0) {
    const node = stack.pop() as TokenSetNode;
    if (numbers.has(node)) continue;
    numbers.set(node, order.length);
    order.push(node);
    for (const key of Object.keys(node.edges).reverse()) stack.push(node.edges[key] as TokenSetNode);
  }
  const out: number[] = [];
  for (const node of order) {
    const keys = Object.keys(node.edges);
    out.push(node.final ? 1 : 0, keys.length);
    for (const key of keys) {
      if (key.length !== 1) throw new Error(`token set edge "${key}" is not one code unit`);
      out.push(key.charCodeAt(0), numbers.get(node.edges[key] as TokenSetNode) as number);
    }
  }
  return Int32Array.from(out);
}

function decodeTokenSet(data: Int32Array): lunr.TokenSet {
  const TokenSet = lunr.TokenSet as unknown as new () => TokenSetNode;
  const nodes: TokenSetNode[] = [];
  const starts: number[] = [];
  for (let at = 0; at < data.length; at += 2 + 2 * (data[at + 1] as number)) {
    starts.push(at);
    nodes.push(new TokenSet());
  }
  nodes.forEach((node, n) => {
    const at = starts[n] as number;
    node.final = data[at] === 1;
    const count = data[at + 1] as number;
    for (let e = 0; e < count; e += 1) {
      const child = nodes[data[at + 3 + 2 * e] as number];
      if (!child) throw new Error('the stored search index token set is inconsistent; rebuild the corpus');
      node.edges[String.fromCharCode(data[at + 2 + 2 * e] as number)] = child;
    }
  });
  const root = nodes[0];
  if (!root) throw new Error('the stored search index has an empty token set; rebuild the corpus');
  return root as unknown as lunr.TokenSet;
}

const NO_METADATA: object = Object.freeze({});

/** Loads a compact index; the pipeline's functions must be registered (see analyzer.ts). */
export function loadCompactIndex(compact: CompactIndex): lunr.Index {
  if (compact.format !== COMPACT_FORMAT) {
    throw new Error(`unknown search index format "${String(compact.format)}" (expected ${COMPACT_FORMAT})`);
  }
  const { fields, refs, terms, postingStarts, postingData, vectorStarts, vectorData } = compact;

  const refPosition = new Map<string, number>();
  refs.forEach((ref, i) => refPosition.set(ref, i));
  const fieldPosition = new Map<string, number>();
  fields.forEach((field, i) => fieldPosition.set(field, i));
  const vectors = new Map<string, lunr.Vector>();
  /** Slot of a `field/ref` key in vectorStarts, or -1. */
  const vectorSlot = (fieldRef: string): number => {
    const slash = fieldRef.indexOf('/');
    if (slash < 0) return -1;
    const field = fieldPosition.get(fieldRef.slice(0, slash));
    const ref = refPosition.get(fieldRef.slice(slash + 1));
    return field === undefined || ref === undefined ? -1 : ref * fields.length + field;
  };
  const vector = (fieldRef: string): lunr.Vector | undefined => {
    const cached = vectors.get(fieldRef);
    if (cached) return cached;
    const slot = vectorSlot(fieldRef);
    if (slot < 0) return undefined;
    const start = vectorStarts[slot] as number;
    const end = vectorStarts[slot + 1] as number;
    // Lunr only reads a stored vector's elements (dot products), so a typed array serves.
    const elements = new Float64Array(end - start);
    for (let i = start, j = 0; i < end; i += 2, j += 2) {
      elements[j] = vectorData[i] as number;
      elements[j + 1] = (vectorData[i + 1] as number) / 1000;
    }
    const made = new lunr.Vector(elements as unknown as number[]);
    vectors.set(fieldRef, made);
    return made;
  };
  const fieldVectors = lazyRecord(
    vector,
    (key) => vectorSlot(key) >= 0,
    () => refs.flatMap((ref) => fields.map((field) => `${field}/${ref}`)),
  );

  const termPosition = new Map<string, number>();
  terms.forEach((term, i) => termPosition.set(term, i));
  const decoded = new Map<string, object>();
  const decode = (term: string): object | undefined => {
    const cached = decoded.get(term);
    if (cached) return cached;
    const at = termPosition.get(term);
    if (at === undefined) return undefined;
    let cursor = postingStarts[at] as number;
    const posting: Record<string, unknown> = { _index: postingData[cursor++] };
    for (const field of fields) {
      const count = postingData[cursor++] as number;
      const byRef: Record<string, object> = {};
      let p = 0;
      for (let k = 0; k < count; k += 1) {
        p += postingData[cursor++] as number;
        byRef[refs[p] as string] = NO_METADATA;
      }
      posting[field] = byRef;
    }
    decoded.set(term, posting);
    return posting;
  };
  const invertedIndex = lazyRecord(decode, (key) => termPosition.has(key), () => [...terms]);

  const tokenSet = decodeTokenSet(compact.tokenSet);
  const IndexConstructor = lunr.Index as unknown as new (attrs: object) => lunr.Index;
  return new IndexConstructor({
    fields,
    fieldVectors,
    invertedIndex,
    tokenSet,
    pipeline: lunr.Pipeline.load(compact.pipeline as unknown as object),
  });
}

/** A read-only record whose values are made on first access (Lunr reads it with `obj[key]`, `in`, Object.keys). */
function lazyRecord<T>(get: (key: string) => T | undefined, has: (key: string) => boolean, keys: () => string[]): Record<string, T> {
  return new Proxy(Object.create(null) as Record<string, T>, {
    get: (_target, key) => (typeof key === 'string' ? get(key) : undefined),
    has: (_target, key) => typeof key === 'string' && has(key),
    ownKeys: () => keys(),
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === 'string' && has(key) ? { value: get(key), enumerable: true, configurable: true, writable: false } : undefined,
  });
}
