import { createHash } from 'node:crypto';
import { MinHash } from 'bloom-filters';

/**
 * Finds documents that two sources yield twice: the same post copied into two folders, a letter
 * both as Markdown and as PDF. Three signs, strongest first:
 *
 * - the same text once case, accents, punctuation and spacing are set aside (a SHA-256 of it);
 * - the same title and the same date;
 * - near-identical text: MinHash signatures over word shingles (bloom-filters' MinHash), with
 *   candidate pairs found by banding the signatures (locality-sensitive hashing) so that a large
 *   archive is not compared pair by pair, then confirmed by the estimated Jaccard similarity.
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
const HASHES = 64;
/** 16 bands of 4 rows: pairs above ~50% similarity almost surely share a band. */
const ROWS_PER_BAND = 4;
/** Estimated similarity from which two texts count as near-identical. */
export const SIMILAR_TEXT_THRESHOLD = 0.8;
/**
 * The hash functions' prime modulus (below 2^26), so that a·x + b stays exact in a double for
 * shingle hashes below it.
 */
const PRIME = 67_108_859;

/**
 * bloom-filters' MinHashFactory draws its hash functions with Math.random; a build must warn the
 * same way every time, so the functions are derived from fixed bytes instead.
 */
const HASH_FUNCTIONS = Array.from({ length: HASHES }, (_, index) => {
  const bytes = createHash('sha256').update(`archivo-duplicados-${index.toString()}`).digest();
  return { a: 1 + (bytes.readUInt32BE(0) % (PRIME - 1)), b: bytes.readUInt32BE(4) % PRIME, c: PRIME };
});

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

/** FNV-1a over the shingle's UTF-16 code units, reduced below PRIME: a cheap, stable shingle id. */
function shingleHash(shingle: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < shingle.length; index += 1) {
    hash ^= shingle.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PRIME;
}

function signatureOf(words: readonly string[]): MinHash | null {
  if (words.length < MIN_COMPARED_WORDS) return null;
  const minHash = new MinHash(HASHES, HASH_FUNCTIONS);
  const shingles = new Set<number>();
  const last = Math.min(words.length, MAX_SHINGLED_WORDS) - SHINGLE_WORDS;
  for (let start = 0; start <= last; start += 1) {
    shingles.add(shingleHash(words.slice(start, start + SHINGLE_WORDS).join(' ')));
  }
  minHash.bulkLoad([...shingles]);
  return minHash;
}

interface Entry {
  source: string;
  fileOrder: number;
  signature: MinHash | null;
  textKey: string | null;
  titleKey: string | null;
  bandKeys: string[];
}

/** Candidates checked per band bucket: a template repeated in hundreds of files stays cheap. */
const MAX_BUCKET_CHECKS = 20;

/** Collects documents as they are imported (in any order); `pairs()` then lists the duplicates. */
export class DuplicateFinder {
  private readonly entries: Entry[] = [];

  add(candidate: DuplicateCandidate): void {
    const words = normalisedWords(candidate.text);
    const signature = signatureOf(words);
    const title = normalisedWords(candidate.title).join(' ');
    // The signature's values are public on bloom-filters' MinHash (`_signature`); bands of them key the buckets.
    const values = signature?._signature ?? [];
    const bandKeys: string[] = [];
    for (let band = 0; band * ROWS_PER_BAND < values.length; band += 1) {
      bandKeys.push(`${band.toString()}:${values.slice(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND).join(',')}`);
    }
    this.entries.push({
      source: candidate.source,
      fileOrder: candidate.fileOrder,
      signature,
      textKey: words.length >= MIN_COMPARED_WORDS ? createHash('sha256').update(words.join(' ')).digest('hex') : null,
      titleKey: title !== '' && candidate.date !== null ? `${candidate.date}\u0000${title}` : null,
      bandKeys,
    });
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
    for (const entry of ordered) {
      const sameText = entry.textKey === null ? undefined : firstByText.get(entry.textKey);
      const sameTitle = entry.titleKey === null ? undefined : firstByTitle.get(entry.titleKey);
      if (sameText) {
        found.push({ first: side(sameText), second: side(entry), reason: 'same-text', similarity: 1 });
      } else if (sameTitle) {
        const similarity = similarityOf(sameTitle, entry);
        found.push({ first: side(sameTitle), second: side(entry), reason: 'same-title-and-date', similarity });
      } else {
        const similar = this.earliestSimilar(entry, byBand);
        if (similar) found.push({ first: side(similar.entry), second: side(entry), ...similar.match });
      }
      if (entry.textKey !== null && !firstByText.has(entry.textKey)) firstByText.set(entry.textKey, entry);
      if (entry.titleKey !== null && !firstByTitle.has(entry.titleKey)) firstByTitle.set(entry.titleKey, entry);
      for (const key of entry.bandKeys) {
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
    byBand: ReadonlyMap<string, Entry[]>,
  ): { entry: Entry; match: { reason: DuplicateReason; similarity: number } } | null {
    let best: { entry: Entry; match: { reason: DuplicateReason; similarity: number } } | null = null;
    for (const key of entry.bandKeys) {
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
  return a.signature && b.signature ? a.signature.compareWith(b.signature) : 0;
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
