import lunr from 'lunr';

/**
 * A smaller storage form of a serialised Lunr index, and its loader.
 *
 * Why: Lunr's own JSON spells every posting as `"<16-hex-id>": {}` and every field vector key
 * as `"field/<id>"`. At 10,000 documents that is ~110 MB of JSON whose parse alone took
 * seconds, against a 1 s budget to open the archive. Here document ids are written once and
 * referred to by number (delta-encoded in postings), which makes the JSON about a third.
 *
 * Loading rebuilds nothing from documents. It does what `lunr.Index.load` does (field vectors,
 * the token set of all terms, the registered pipeline, then `new lunr.Index`), except that a
 * term's posting is decoded the first time a query touches it instead of all at once: most
 * queries touch a handful of the tens of thousands of terms.
 */

export const COMPACT_FORMAT = 'lunr-compact-1';

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
  /** Document refs, sorted; everything else refers to them by position. */
  refs: string[];
  /** Index terms in Lunr's (sorted) order. */
  terms: string[];
  /** Per term: `[_index, n0, d.., n1, d.., ...]`, one group per field: count, then delta-encoded ref positions. */
  postings: number[][];
  /** `[refPosition, fieldPosition, elements]`; elements exactly as Lunr stores them. */
  vectors: Array<[number, number, number[]]>;
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
  const postings: number[][] = [];
  for (const [term, posting] of serialised.invertedIndex) {
    terms.push(term);
    const encoded = [posting._index];
    for (const field of fields) {
      const byRef = (posting[field] ?? {}) as Record<string, object>;
      for (const metadata of Object.values(byRef)) {
        // Without a metadata whitelist Lunr stores nothing per posting; refuse to drop anything.
        if (Object.keys(metadata).length > 0) throw new Error('compactIndex supports indexes without posting metadata only');
      }
      const positions = Object.keys(byRef).map(position).sort((a, b) => a - b);
      encoded.push(positions.length);
      let previous = 0;
      for (const p of positions) {
        encoded.push(p - previous);
        previous = p;
      }
    }
    postings.push(encoded);
  }

  const fieldPosition = new Map(fields.map((field, i) => [field, i]));
  const vectors: Array<[number, number, number[]]> = serialised.fieldVectors.map(([fieldRef, elements]) => {
    const slash = fieldRef.indexOf('/');
    const field = fieldPosition.get(fieldRef.slice(0, slash));
    if (field === undefined) throw new Error(`search index vector names unknown field in ${fieldRef}`);
    return [position(fieldRef.slice(slash + 1)), field, elements];
  });

  return { format: COMPACT_FORMAT, lunrVersion: serialised.version, fields, pipeline: serialised.pipeline, refs, terms, postings, vectors };
}

const NO_METADATA: object = Object.freeze({});

/** Loads a compact index; the pipeline's functions must be registered (see analyzer.ts). */
export function loadCompactIndex(compact: CompactIndex): lunr.Index {
  if (compact.format !== COMPACT_FORMAT) {
    throw new Error(`unknown search index format "${String(compact.format)}" (expected ${COMPACT_FORMAT})`);
  }
  const { fields, refs, terms, postings } = compact;

  const fieldVectors: Record<string, lunr.Vector> = Object.create(null);
  for (const [ref, field, elements] of compact.vectors) {
    fieldVectors[`${fields[field]}/${refs[ref]}`] = new lunr.Vector(elements);
  }

  const termPosition = new Map<string, number>();
  terms.forEach((term, i) => termPosition.set(term, i));
  const decoded = new Map<string, object>();
  const decode = (term: string): object | undefined => {
    const cached = decoded.get(term);
    if (cached) return cached;
    const at = termPosition.get(term);
    if (at === undefined) return undefined;
    const encoded = postings[at] as number[];
    const posting: Record<string, unknown> = { _index: encoded[0] };
    let cursor = 1;
    for (const field of fields) {
      const count = encoded[cursor++] as number;
      const byRef: Record<string, object> = {};
      let p = 0;
      for (let k = 0; k < count; k += 1) {
        p += encoded[cursor++] as number;
        byRef[refs[p] as string] = NO_METADATA;
      }
      posting[field] = byRef;
    }
    decoded.set(term, posting);
    return posting;
  };
  const invertedIndex = new Proxy(Object.create(null) as Record<string, object>, {
    get: (_target, key) => (typeof key === 'string' ? decode(key) : undefined),
    has: (_target, key) => typeof key === 'string' && termPosition.has(key),
    ownKeys: () => [...terms],
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === 'string' && termPosition.has(key)
        ? { value: decode(key), enumerable: true, configurable: true, writable: false }
        : undefined,
  });

  // Terms are stored in Lunr's sorted order, which the token set builder requires.
  const tokenSet = (lunr.TokenSet as unknown as { fromArray(words: string[]): lunr.TokenSet }).fromArray(terms);
  const IndexConstructor = lunr.Index as unknown as new (attrs: object) => lunr.Index;
  return new IndexConstructor({
    fields,
    fieldVectors,
    invertedIndex,
    tokenSet,
    pipeline: lunr.Pipeline.load(compact.pipeline as unknown as object),
  });
}
