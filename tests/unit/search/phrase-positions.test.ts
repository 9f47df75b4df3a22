import { describe, expect, it } from 'vitest';
import { CorpusReader } from '../../../src-main/core/store/corpus-reader';
import { foldForMatching, foldPhrase } from '../../../src-main/core/search/fold';
import { containsPhrase } from '../../../src-main/core/search/text-match';
import {
  decodePositionList,
  documentsWithWords,
  forEachWordPosition,
  phraseWords,
} from '../../../src-main/core/search/phrase-positions';
import { PhrasePositionsBuilder } from '../../support/reference-search-data';
import { withRealCorpus, type BuiltCorpus } from './real-corpus';

let built: BuiltCorpus;
let reader: CorpusReader;

withRealCorpus(
  (file) => new CorpusReader(file),
  (corpus, opened) => {
    built = corpus;
    reader = opened;
  },
);

/** Phrases answered by word positions in memory, for texts made in the test. */
function positionsFind(texts: readonly string[], phrase: string): number[] {
  const builder = new PhrasePositionsBuilder();
  texts.forEach((text, doc) => builder.add(doc, foldForMatching(text)));
  const stored = new Map(builder.entries());
  const words = phraseWords(foldPhrase(phrase));
  if (!words) throw new Error(`"${phrase}" is not a phrase of words`);
  const folded = texts.map(foldForMatching);
  const read = (word: string): Buffer | null => stored.get(word) ?? null;
  const all = documentsWithWords(words, { size: (word) => read(word)?.length ?? null, read, verify: () => true });
  // Checking the last candidates in their texts (as for a long list like "de") gives the same answer.
  const verified = documentsWithWords(words, {
    size: (word) => (read(word) ? (word === words[words.length - 1] ? 1e9 : (read(word)?.length ?? null)) : null),
    read,
    verify: (doc) => containsPhrase(folded[doc] as string, foldPhrase(phrase)),
  });
  expect(verified).toEqual(all);
  return all;
}

/**
 * The definition of words and positions, written with a Unicode regex: runs of letters, marks and
 * digits, split at astral chars; consecutive positions only across exactly one space.
 */
function referenceWordPositions(folded: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let position = -1;
  let previousEnd = -1;
  for (const match of folded.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    for (const piece of match[0].matchAll(/[^\uD800-\uDFFF]+/g)) {
      const start = match.index + piece.index;
      const adjacent = previousEnd >= 0 && start === previousEnd + 1 && folded.charCodeAt(previousEnd) === 32;
      position += adjacent || previousEnd < 0 ? 1 : 2;
      out.push([piece[0], position]);
      previousEnd = start + piece[0].length;
    }
  }
  return out;
}

function scannedWordPositions(folded: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  forEachWordPosition(folded, (word, position) => out.push([word, position]));
  return out;
}

function scanFinds(texts: readonly string[], phrase: string): number[] {
  return texts.flatMap((text, doc) => (containsPhrase(foldForMatching(text), foldPhrase(phrase)) ? [doc] : []));
}

describe('phrases from word positions = containsPhrase on the folded text', () => {
  it('reads the same words and positions as the Unicode-regex definition, on every real document and on odd text', () => {
    let words = 0;
    for (const document of built.imported.documents) {
      const folded = foldForMatching(document.text);
      const scanned = scannedWordPositions(folded);
      expect(scanned, document.source).toEqual(referenceWordPositions(folded));
      words += scanned.length;
    }
    expect(words).toBeGreaterThan(10_000);
    const odd = [
      'la 𝐀lianza y 𝐁𝐂 gobierno𝐃abierto 😀 transparencia',
      'a\uD800b lone \uDC00 surrogates\uD800',
      'mexico\u0301 pin\u0303a \u0301 sola',
      'uno  dos\u00a0tres\tcuatro\n\ncinco, seis.siete',
      '١٢٣ العربية 中文字 한국어 ½ ² ⅷ',
      '',
      '   ',
    ];
    for (const text of odd)
      expect(scannedWordPositions(text), JSON.stringify(text)).toEqual(referenceWordPositions(text));
    expect(scannedWordPositions('el  gobierno abierto')).toEqual([
      ['el', 0],
      ['gobierno', 2],
      ['abierto', 3],
    ]);
  });

  it('agrees on every 2- and 3-word sequence sampled from the real corpus, and on near misses', () => {
    const documents = built.imported.documents;
    const phrases = new Set<string>();
    documents.forEach((document, i) => {
      const words = document.text.split(/\s+/).filter(Boolean);
      for (let k = i % 7; k + 3 < words.length; k += 97) {
        phrases.add(words.slice(k, k + 2).join(' '));
        phrases.add(words.slice(k, k + 3).join(' '));
        // Two words that are not neighbours: mostly found nowhere.
        phrases.add(`${words[k]} ${words[k + 2]}`);
      }
    });
    let checked = 0;
    let nonEmpty = 0;
    for (const phrase of phrases) {
      const folded = foldPhrase(phrase);
      if (!phraseWords(folded)) continue;
      const found = [...reader.documentsWithPhrase(folded)].sort();
      const expected = documents
        .filter((document) => containsPhrase(foldForMatching(document.text), folded))
        .map((document) => document.id)
        .sort();
      expect(found, phrase).toEqual(expected);
      checked += 1;
      if (expected.length > 0) nonEmpty += 1;
    }
    expect(checked).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('finds the seed letter for "Ejecutivo Federal" and "Secretaría de la Función Pública" by positions', () => {
    expect(phraseWords('ejecutivo federal')).toEqual(['ejecutivo', 'federal']);
    expect(reader.documentsWithPhrase('ejecutivo federal').has(built.letter.id)).toBe(true);
    expect(reader.documentsWithPhrase(foldPhrase('Secretaría de la Función Pública')).has(built.letter.id)).toBe(true);
  });

  it('does not join words across punctuation, line structure aside, and never inside a word', () => {
    const texts = [
      'el gobierno, abierto a todos', // comma: not the phrase
      'el gobierno\n\n  abierto a todos', // whitespace collapses: the phrase
      'los gobiernos abiertos', // other word forms
      'GOBIERNO ABIERTO', // case folded
      'gobierno\u00a0abierto', // no-break space is whitespace
      'gobierno𝐀abierto gobierno', // an astral letter is not a word char for phrases
      'subgobierno abierto', // inside a longer word
      'gobierno gobierno abierto', // second occurrence
    ];
    for (const phrase of ['gobierno abierto', 'gobierno', 'abierto', 'gobierno gobierno']) {
      expect(positionsFind(texts, phrase), phrase).toEqual(scanFinds(texts, phrase));
    }
    expect(positionsFind(texts, 'gobierno abierto')).toEqual([1, 3, 4, 7]);
  });

  it('leaves phrases with punctuation to the text scan', () => {
    expect(phraseWords('mexico,')).toBeNull();
    expect(phraseWords('datos.gob.mx')).toBeNull();
    expect(phraseWords('')).toBeNull();
    // Still answered, by the SQL scan.
    const found = [...reader.documentsWithPhrase('mexico,')].sort();
    const expected = built.imported.documents
      .filter((document) => containsPhrase(foldForMatching(document.text), 'mexico,'))
      .map((d) => d.id)
      .sort();
    expect(found).toEqual(expected);
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('stored position lists (schema 5: no count, the last position of a document flagged)', () => {
  it('stores "de" of three texts as docDelta then position deltas × 2 + last, and reads them back with counts', () => {
    const builder = new PhrasePositionsBuilder();
    builder.add(0, 'de la casa de');
    builder.add(2, 'casa de');
    builder.add(5, 'nada');
    const stored = new Map(builder.entries());
    // Document 0: positions 0 and 3 -> 0*2+0, 3*2+1; document 2 (delta 2): position 1 -> 1*2+1.
    // A header byte (0: raw, a short list) before the varints; see packed-list.ts.
    expect([...(stored.get('de') ?? [])]).toEqual([0, 0, 0, 7, 2, 3]);
    expect([...decodePositionList(stored.get('de')?.subarray(1) ?? Buffer.alloc(0))]).toEqual([0, 2, 0, 3, 2, 1, 1]);
    expect([...decodePositionList(stored.get('nada')?.subarray(1) ?? Buffer.alloc(0))]).toEqual([5, 1, 0]);
  });

  it('refuses a list cut inside a document or inside a number, asking for a rebuild', () => {
    expect(() => decodePositionList(Uint8Array.of(0, 0))).toThrow('rebuild the corpus');
    expect(() => decodePositionList(Uint8Array.of(0, 0x81))).toThrow('rebuild the corpus');
  });
});
