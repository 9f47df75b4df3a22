import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldForMatching, foldPhrase } from '../../../src-main/core/search/fold';
import { phrasesNearFirst } from '../../../src-main/core/search/phrases-near-first';
import { findPhraseIn, type TextRange } from '../../../src-main/core/search/text-match';
import { GOBIERNOFACIL, SEEDS } from './real-corpus';

const SLACK = 400;

/** What a snippet computed before: the whole text folded, each phrase's first occurrence, then those near it. */
function wholeTextReference(text: string, phrases: readonly string[]): TextRange[] {
  const folded = foldForMatching(text);
  const anchor = Math.min(...phrases.map((phrase) => findPhraseIn(text, folded, phrase, 1)[0]?.start ?? Infinity));
  if (anchor === Infinity) return [];
  return phrases.flatMap((phrase) => findPhraseIn(text, folded, phrase, 50, anchor + SLACK));
}

const letter = readFileSync(path.join(SEEDS, '000_ff8ecd809083cd7f.txt'), 'utf8');
const postsDir = path.join(GOBIERNOFACIL, '_posts');
const posts = readdirSync(postsDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(path.join(postsDir, name), 'utf8'));

describe('phrasesNearFirst', () => {
  it('finds a phrase thousands of chars in, past several chunks, as a range of the original text', () => {
    const filler = 'Un párrafo  de relleno\nsin la frase. '.repeat(200);
    const text = `${filler}Hablamos del Gobierno\n Abierto y del gobierno abierto otra vez.`;
    const ranges = phrasesNearFirst(text, [foldPhrase('gobierno abierto')], SLACK, 50);
    expect(ranges?.map((range) => text.slice(range.start, range.end))).toEqual([
      'Gobierno\n Abierto',
      'gobierno abierto',
    ]);
    expect(ranges?.[0]?.start).toBe(filler.length + 'Hablamos del '.length);
  });

  it('keeps only whole-word occurrences near the first one of any phrase', () => {
    const text =
      'Los Planes de acción. Plan de acciones; PLAN DE ACCIÓN y datos abiertos. ' + 'x '.repeat(400) + 'datos abiertos';
    const ranges = phrasesNearFirst(text, ['plan de accion', 'datos abiertos'], SLACK, 50) ?? [];
    expect(ranges.map((range) => text.slice(range.start, range.end))).toEqual(['PLAN DE ACCIÓN', 'datos abiertos']);
  });

  it('answers [] when no phrase occurs, and null for a text it cannot fold by chunks', () => {
    expect(phrasesNearFirst(letter, ['gobierno cerrado'], SLACK, 50)).toEqual([]);
    // A combining accent (normalised with the whole text) and Greek final sigma (lower-cased by context).
    expect(phrasesNearFirst('la Funcio\u0301n Pública', ['funcion publica'], SLACK, 50)).toBeNull();
    expect(phrasesNearFirst('ΟΔΟΣ plan de acción', ['plan de accion'], SLACK, 50)).toBeNull();
  });

  it('gives the whole-text answer where whitespace runs of every kind fall on chunk boundaries', () => {
    const separators = [' ', '  ', '\n', ' \n ', '\u00a0', '\t\t', '\u2009 ', '\r\n'];
    const words = foldForMatching(letter).split(' ');
    const text = words
      .map((word, i) => `${i % 7 === 0 ? word.toUpperCase() : word}${separators[i % 8] ?? ''}`)
      .join('');
    let compared = 0;
    for (let i = 0; i + 2 < words.length; i += 1) {
      const phrase = words.slice(i, i + 2).join(' ');
      const near = phrasesNearFirst(text, [phrase], SLACK, 50);
      expect(near, phrase).toEqual(wholeTextReference(text, [phrase]));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('gives the whole-text answer for phrases of the seed letter and every gobiernofacil post', () => {
    let compared = 0;
    for (const text of [letter, ...posts]) {
      const folded = foldForMatching(text);
      // Three-word phrases taken every 97 words, and pairs of them (the earliest one anchors).
      const words = folded.split(' ');
      const phrases: string[] = [];
      for (let i = 0; i + 3 < words.length; i += 97) phrases.push(words.slice(i, i + 3).join(' '));
      for (let i = 0; i < phrases.length; i += 1) {
        const single = [phrases[i] ?? ''];
        const pair = [phrases[i] ?? '', phrases[phrases.length - 1 - i] ?? ''];
        for (const asked of [single, pair]) {
          const near = phrasesNearFirst(text, asked, SLACK, 50);
          if (near === null) continue;
          expect(near, `${asked.join(' | ')} in ${text.slice(0, 40)}`).toEqual(wholeTextReference(text, asked));
          compared += 1;
        }
      }
    }
    // Most texts are Latin and punctuation only: the chunked path answered for most phrases.
    expect(compared).toBeGreaterThan(200);
  });
});
