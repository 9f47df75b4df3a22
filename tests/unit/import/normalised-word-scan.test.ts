import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { duplicateFingerprint, normalisedWords } from '../../../src-main/core/import/duplicates';
import { scanNormalisedWords } from '../../../src-main/core/import/normalised-word-scan';
import { CORPUS, textFiles } from './corpus';

/** FNV-1a over UTF-16 code units, as the duplicate finder hashes a word. */
function fnv(word: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < word.length; index += 1) hash = Math.imul(hash ^ word.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** The scan must give exactly what the regex chain gives: words joined, count, hashes. */
function expectSameAsRegex(text: string, label: string): void {
  const scan = scanNormalisedWords(text, 1_000_000);
  expect(scan, label).not.toBeNull();
  const words = normalisedWords(text);
  expect(scan?.joined, label).toBe(words.join(' '));
  expect(scan?.count, label).toBe(words.length);
  expect([...(scan?.hashes ?? [])], label).toEqual(words.map(fnv));
}

describe('normalised word scan (the duplicate finder words without the regex chain)', () => {
  it('gives the regex chain words of every real document', () => {
    const files = textFiles(CORPUS);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectSameAsRegex(readFileSync(file, 'utf8'), file);
  });

  it('folds accents and case, drops ñ’s tilde and splits at punctuation as the regex does', () => {
    const scan = scanNormalisedWords('Año  PÚBLICO: co-creación, pingüino\u00a0e\u0301xito ½ 2017', 100);
    expect(scan?.joined).toBe('ano publico co creacion pinguino exito ½ 2017');
    expect(scan?.count).toBe(8);
  });

  it('agrees with the regex chain on every BMP char, alone and beside combining marks', () => {
    for (let code = 0; code < 0x10000; code += 1) {
      if ((code >= 0xd800 && code <= 0xdfff) || code === 0x3a3) continue;
      const char = String.fromCharCode(code);
      // Marks of classes 1, 220 and 240 around it: NFD would reorder a char of a non-zero class.
      const text = `a${char}b \u0334${char}\u0316x${char}\u0345 ${char}${char}İ`;
      const scan = scanNormalisedWords(text, 100);
      if (scan === null) continue;
      const words = normalisedWords(text);
      if (scan.joined !== words.join(' ')) expect(`U+${code.toString(16)} ${scan.joined}`).toBe(words.join(' '));
    }
  });

  it('leaves astral chars and the capital sigma (lower case depends on its neighbours) to the regex', () => {
    expect(scanNormalisedWords('ΟΔΟΣ Σ', 10)).toBeNull();
    expect(scanNormalisedWords('texto 𝐀𝐁 fin', 10)).toBeNull();
    // The fingerprint still reads them, by the regex chain.
    const greek = duplicateFingerprint({ title: 'x', date: null, text: 'ΟΔΟΣ '.repeat(30) });
    expect(greek.textKey).not.toBeNull();
  });

  it('hashes only the first words asked for, but counts and joins all', () => {
    const scan = scanNormalisedWords('uno dos tres cuatro', 2);
    expect(scan?.count).toBe(4);
    expect([...(scan?.hashes ?? [])]).toEqual([fnv('uno'), fnv('dos')]);
    expect(scan?.joined).toBe('uno dos tres cuatro');
  });

  it('gives every real document the MinHash signature of its definition', () => {
    // The definition (duplicates.ts): shingles of 5 words (FNV over the words' FNV hashes) of the
    // first 20,000 words; per hash function i, the least MurmurHash3 finaliser of shingle XOR seed i.
    const seeds = Array.from({ length: 64 }, (_, index) =>
      createHash('sha256').update(`archivo-duplicados-${index.toString()}`).digest().readUInt32BE(0),
    );
    const murmur = (value: number): number => {
      let hash = value;
      hash ^= hash >>> 16;
      hash = Math.imul(hash, 0x85ebca6b);
      hash ^= hash >>> 13;
      hash = Math.imul(hash, 0xc2b2ae35);
      hash ^= hash >>> 16;
      return hash >>> 0;
    };
    for (const file of textFiles(CORPUS)) {
      const text = readFileSync(file, 'utf8');
      const hashes = normalisedWords(text).slice(0, 20_000).map(fnv);
      const expected = seeds.map((seed) => {
        let least = 0xffffffff;
        for (let start = 0; start + 5 <= hashes.length; start += 1) {
          let shingle = 0x811c9dc5;
          for (const word of hashes.slice(start, start + 5)) shingle = Math.imul(shingle ^ word, 0x01000193);
          least = Math.min(least, murmur((shingle >>> 0) ^ seed));
        }
        return least;
      });
      const signature = duplicateFingerprint({ title: 'x', date: null, text }).signature;
      expect(signature ? [...signature] : null, file).toEqual(hashes.length >= 20 ? expected : null);
    }
  });
});
