import { createHash } from 'node:crypto';
import { scanNormalisedWords } from './normalised-word-scan';

/**
 * Finds documents that two sources yield twice: the same post copied into two folders, a letter
 * both as Markdown and as PDF. Three signs, strongest first:
 *
 * - the same text once case, accents, punctuation and spacing are set aside (a SHA-256 of it);
 * - the same title and the same date;
 * - near-identical text: MinHash signatures over word shingles (Broder's min-wise hashing), with
 *   candidate pairs found by banding the signatures (locality-sensitive hashing) so that a large
 *   archive is not compared pair by pair, then confirmed by the estimated Jaccard similarity.
 *
 * The signature is computed here rather than with bloom-filters' MinHash, which was tried first:
 * its `bulkLoad` maps the whole shingle array once per hash function in floating point and cost
 * about half as much again as rendering a document, while this loop is a few 32-bit multiplies
 * per shingle and hash.
 *
 * Nothing is left out: the build warns, naming both files, and the librarian chooses which to keep.
 */

/** Why two documents look like one. */
export type DuplicateReason = 'same-text' | 'same-title-and-date' | 'similar-text';

export interface DuplicateSide {
  source: string;
  fileOrder: number;
}

export interface DuplicatePair {
  /** The document that came first in file order. */
  first: DuplicateSide;
  /** The later one, where the warning is reported. */
  second: DuplicateSide;
  reason: DuplicateReason;
  /** Estimated share of word shingles in common (1 for `same-text`). */
  similarity: number;
}

export interface DuplicateCandidate {
  /** How the warning names the file (its source path). */
  source: string;
  /** Place among the imported files: the earlier file is "first". */
  fileOrder: number;
  title: string;
  date: string | null;
  text: string;
}

/**
 * Texts shorter than this are not compared by text: two short notes that both say "Texto." or
 * "Ver adjunto" are not the same document (their title and date still are compared).
 */
const MIN_COMPARED_WORDS = 20;
/** Words per shingle: long enough that two unrelated Spanish texts share almost none. */
const SHINGLE_WORDS = 5;
/** Only the start of very long documents is shingled: enough to tell, and the cost stays bounded. */
const MAX_SHINGLED_WORDS = 20_000;
/** A multiple of 4: `signatureOfHashes` computes four functions per pass. */
const HASHES = 64;
/** 16 bands of 4 rows: pairs above ~50% similarity almost surely share a band. */
const ROWS_PER_BAND = 4;
/** Estimated similarity from which two texts count as near-identical. */
export const SIMILAR_TEXT_THRESHOLD = 0.8;
/**
 * One seed per hash function, from fixed bytes: a build must warn the same way every time.
 * Function i is MurmurHash3's 32-bit finaliser applied to (shingle hash XOR seed i).
 */
const SEEDS = Uint32Array.from({ length: HASHES }, (_, index) =>
  createHash('sha256').update(`archivo-duplicados-${index.toString()}`).digest().readUInt32BE(0),
);

function mix(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Lower case, without accents or punctuation: the words a reader would see as the same text. */
export function normalisedWords(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** FNV-1a over the word's UTF-16 code units: a cheap, stable word id. */
function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < word.length; index += 1) {
    hash ^= word.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A shingle's id from its words' ids, in order (FNV's step over words instead of characters). */
function shingleHash(wordHashes: Uint32Array, start: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < start + SHINGLE_WORDS; index += 1) {
    hash ^= wordHashes[index] ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The MinHash signature of the text's word shingles: per hash function, the smallest value. */
function signatureOf(words: readonly string[]): Uint32Array | null {
  if (words.length < MIN_COMPARED_WORDS) return null;
  return signatureOfHashes(Uint32Array.from(words.slice(0, MAX_SHINGLED_WORDS), wordHash));
}

/** `signatureOf` from the hashes of the text's first `MAX_SHINGLED_WORDS` words (at least `MIN_COMPARED_WORDS`). */
function signatureOfHashes(wordHashes: Uint32Array): Uint32Array {
  const shingles = new Int32Array(Math.max(0, wordHashes.length - SHINGLE_WORDS + 1));
  for (let start = 0; start < shingles.length; start += 1) shingles[start] = shingleHash(wordHashes, start);
  // Four hash functions per pass over the shingles (their minima stay in registers), not shingle
  // by shingle: the same minima; one function per pass took a third more time, shingle by
  // shingle twice as much.
  const signature = new Uint32Array(HASHES);
  const count = shingles.length;
  for (let index = 0; index < HASHES; index += 4) {
    const seed0 = SEEDS[index] ?? 0;
    const seed1 = SEEDS[index + 1] ?? 0;
    const seed2 = SEEDS[index + 2] ?? 0;
    const seed3 = SEEDS[index + 3] ?? 0;
    let minimum0 = 0xffffffff;
    let minimum1 = 0xffffffff;
    let minimum2 = 0xffffffff;
    let minimum3 = 0xffffffff;
    for (let start = 0; start < count; start += 1) {
      const shingle = shingles[start] ?? 0;
      const value0 = mix(shingle ^ seed0);
      if (value0 < minimum0) minimum0 = value0;
      const value1 = mix(shingle ^ seed1);
      if (value1 < minimum1) minimum1 = value1;
      const value2 = mix(shingle ^ seed2);
      if (value2 < minimum2) minimum2 = value2;
      const value3 = mix(shingle ^ seed3);
      if (value3 < minimum3) minimum3 = value3;
    }
    signature[index] = minimum0;
    signature[index + 1] = minimum1;
    signature[index + 2] = minimum2;
    signature[index + 3] = minimum3;
  }
  return signature;
}

/** The estimated Jaccard similarity of two shingle sets: the share of equal signature values. */
function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let index = 0; index < HASHES; index += 1) if (a[index] === b[index]) equal += 1;
  return equal / HASHES;
}

/**
 * What the finder keeps of a document: computed from its title, date and text alone, so the
 * import computes it in the thread that rendered the document (in parallel), and the text can
 * be let go. A few hundred bytes per document; the band keys are derived when pairs are sought.
 */
export interface DuplicateFingerprint {
  signature: Uint32Array | null;
  textKey: string | null;
  titleKey: string | null;
}

export function duplicateFingerprint(
  candidate: Pick<DuplicateCandidate, 'title' | 'date' | 'text'>,
): DuplicateFingerprint {
  const title = normalisedWords(candidate.title).join(' ');
  const titleKey = title !== '' && candidate.date !== null ? `${candidate.date}\u0000${title}` : null;
  // The text's words in one scan (normalised-word-scan.ts), or by the regex chain where that cannot.
  const scan = scanNormalisedWords(candidate.text, MAX_SHINGLED_WORDS);
  if (scan) {
    const compared = scan.count >= MIN_COMPARED_WORDS;
    return {
      signature: compared ? signatureOfHashes(scan.hashes) : null,
      textKey: compared ? createHash('sha256').update(scan.joined).digest('hex') : null,
      titleKey,
    };
  }
  const words = normalisedWords(candidate.text);
  return {
    signature: signatureOf(words),
    textKey: words.length >= MIN_COMPARED_WORDS ? createHash('sha256').update(words.join(' ')).digest('hex') : null,
    titleKey,
  };
}

/** Bands of the signature key the buckets: near-identical texts share at least one band. */
function bandKeysOf(signature: Uint32Array | null, mayRepeat: BandFilter): string[] {
  const bandKeys: string[] = [];
  for (let band = 0; signature && band * ROWS_PER_BAND < HASHES; band += 1) {
    if (!mayRepeat.mayRepeat(signature, band)) continue;
    bandKeys.push(
      `${band.toString()}:${signature.subarray(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND).join(',')}`,
    );
  }
  return bandKeys;
}

/**
 * Most slots of the band filter: 2^24 (16 MB), where about 9% of 1.6 million bands (100,000
 * documents) share a slot by chance; smaller imports get about 8 slots per band.
 */
const MAX_BAND_FILTER_BITS = 24;

/**
 * Which bands of the import may occur more than once: each band is counted (up to 2) in a slot of
 * a hash of it, and a band alone in its slot occurs once, so it can bucket nothing: no key, no
 * bucket. Bands sharing a slot get their key as before, so the pairs found are exactly the same.
 *
 * Why: at 100,000 documents the buckets of every band (16 per document, each a string key, a map
 * entry and an array) took about 200 MB at the very end of the import, the build's peak.
 */
class BandFilter {
  private readonly counts: Uint8Array;
  private readonly bits: number;

  constructor(bands: number) {
    this.bits = Math.min(MAX_BAND_FILTER_BITS, Math.max(10, Math.ceil(Math.log2(bands * 8))));
    this.counts = new Uint8Array(1 << this.bits);
  }

  count(signature: Uint32Array | null): void {
    for (let band = 0; signature && band * ROWS_PER_BAND < HASHES; band += 1) {
      const slot = bandSlot(signature, band, this.bits);
      if ((this.counts[slot] ?? 0) < 2) this.counts[slot] = (this.counts[slot] ?? 0) + 1;
    }
  }

  mayRepeat(signature: Uint32Array, band: number): boolean {
    return (this.counts[bandSlot(signature, band, this.bits)] ?? 0) > 1;
  }
}

/** A hash of the band's hashes and number, to `bits` bits (murmur3's mixing). */
function bandSlot(signature: Uint32Array, band: number, bits: number): number {
  let hash = band + 1;
  for (let row = band * ROWS_PER_BAND; row < (band + 1) * ROWS_PER_BAND; row += 1) {
    hash = Math.imul(hash ^ (signature[row] ?? 0), 0xcc9e2d51);
    hash = Math.imul((hash << 15) | (hash >>> 17), 0x1b873593);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> (32 - bits);
}

interface Entry extends DuplicateFingerprint {
  source: string;
  fileOrder: number;
}

/** Candidates checked per band bucket: a template repeated in hundreds of files stays cheap. */
const MAX_BUCKET_CHECKS = 20;

/** Signatures per block of the finder's store. */
const SIGNATURES_PER_BLOCK = 4096;

/** Collects documents as they are imported (in any order); `pairs()` then lists the duplicates. */
export class DuplicateFinder {
  private readonly entries: Entry[] = [];
  /**
   * The signatures kept, copied into blocks of 4,096: each document's own typed array (as it comes
   * from a render worker) was an ArrayBuffer and a native backing store each, about twice its 256
   * bytes, held for every document of the import.
   */
  private block = new Uint32Array(0);
  private blockUsed = 0;

  add(candidate: DuplicateCandidate): void {
    this.addFingerprint(candidate.source, candidate.fileOrder, duplicateFingerprint(candidate));
  }

  /** `add` with the document's fingerprint computed elsewhere (duplicateFingerprint). */
  addFingerprint(source: string, fileOrder: number, fingerprint: DuplicateFingerprint): void {
    const { signature, textKey, titleKey } = fingerprint;
    this.entries.push({ source, fileOrder, signature: signature && this.kept(signature), textKey, titleKey });
  }

  /** A copy of the signature in the current block (a view: no buffer of its own). */
  private kept(signature: Uint32Array): Uint32Array {
    if (this.blockUsed + signature.length > this.block.length) {
      this.block = new Uint32Array(Math.max(signature.length, HASHES) * SIGNATURES_PER_BLOCK);
      this.blockUsed = 0;
    }
    const view = this.block.subarray(this.blockUsed, this.blockUsed + signature.length);
    view.set(signature);
    this.blockUsed += signature.length;
    return view;
  }

  /**
   * One pair for each document that repeats an earlier one (in file order): against the earliest
   * it repeats, by the strongest reason. A post copied ten times gives nine warnings, not 45.
   */
  pairs(): DuplicatePair[] {
    const ordered = [...this.entries].sort((a, b) => a.fileOrder - b.fileOrder);
    const firstByText = new Map<string, Entry>();
    const firstByTitle = new Map<string, Entry>();
    const byBand = new Map<string, Entry[]>();
    const found: DuplicatePair[] = [];
    const side = (entry: Entry): DuplicateSide => ({ source: entry.source, fileOrder: entry.fileOrder });
    const bands = new BandFilter(ordered.length * (HASHES / ROWS_PER_BAND));
    for (const entry of ordered) bands.count(entry.signature);
    for (const entry of ordered) {
      const keys = bandKeysOf(entry.signature, bands);
      const sameText = entry.textKey === null ? undefined : firstByText.get(entry.textKey);
      const sameTitle = entry.titleKey === null ? undefined : firstByTitle.get(entry.titleKey);
      if (sameText) {
        found.push({ first: side(sameText), second: side(entry), reason: 'same-text', similarity: 1 });
      } else if (sameTitle) {
        const similarity = similarityOf(sameTitle, entry);
        found.push({ first: side(sameTitle), second: side(entry), reason: 'same-title-and-date', similarity });
      } else {
        const similar = this.earliestSimilar(entry, keys, byBand);
        if (similar) found.push({ first: side(similar.entry), second: side(entry), ...similar.match });
      }
      if (entry.textKey !== null && !firstByText.has(entry.textKey)) firstByText.set(entry.textKey, entry);
      if (entry.titleKey !== null && !firstByTitle.has(entry.titleKey)) firstByTitle.set(entry.titleKey, entry);
      for (const key of keys) {
        const bucket = byBand.get(key);
        if (bucket) bucket.push(entry);
        else byBand.set(key, [entry]);
      }
    }
    return found;
  }

  /** The earliest earlier document sharing a band whose text is near-identical, if any. */
  private earliestSimilar(
    entry: Entry,
    keys: readonly string[],
    byBand: ReadonlyMap<string, Entry[]>,
  ): { entry: Entry; match: { reason: DuplicateReason; similarity: number } } | null {
    let best: { entry: Entry; match: { reason: DuplicateReason; similarity: number } } | null = null;
    for (const key of keys) {
      for (const earlier of (byBand.get(key) ?? []).slice(0, MAX_BUCKET_CHECKS)) {
        if (best && earlier.fileOrder >= best.entry.fileOrder) break;
        const similarity = similarityOf(earlier, entry);
        if (similarity >= SIMILAR_TEXT_THRESHOLD)
          best = { entry: earlier, match: { reason: 'similar-text', similarity } };
      }
    }
    return best;
  }
}

function similarityOf(a: Entry, b: Entry): number {
  return a.signature && b.signature ? estimatedSimilarity(a.signature, b.signature) : 0;
}

/** The sentence of a duplicate warning: both files, why, and how the librarian keeps only one. */
export function duplicateWarning(pair: DuplicatePair, excludePaths: { first: string; second: string }): string {
  const why =
    pair.reason === 'same-text'
      ? 'the same text'
      : pair.reason === 'same-title-and-date'
        ? 'the same title and date'
        : `nearly the same text, about ${Math.round(pair.similarity * 100).toString()}% in common`;
  return (
    `looks like the same document as ${pair.first.source} (${why}); both were imported. To keep only one, ` +
    `leave the other out: add "${excludePaths.second}" (or "${excludePaths.first}") under exclude: in ` +
    `archivo.yml, or build with --exclude`
  );
}
