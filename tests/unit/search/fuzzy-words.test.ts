import { describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import { FuzzyWords, withinDistance } from '../../../src-main/core/search/fuzzy-words';
import { withRealCorpus, type BuiltCorpus } from './real-corpus';

let built: BuiltCorpus;
let archive: Archive;

withRealCorpus(openArchive, (corpus, opened) => {
  built = corpus;
  archive = opened;
});

describe('fuzzy clauses also match the words as typed', () => {
  it('transparensia~1 finds every document transparencia finds (its stem is two edits from the index term)', () => {
    const correct = archive.search({ query: 'transparencia', limit: 1000 });
    const misspelt = archive.search({ query: 'transparensia~1', limit: 1000 });
    expect(correct.total).toBeGreaterThan(10);
    const found = new Set(misspelt.hits.map((hit) => hit.id));
    for (const hit of correct.hits) expect(found.has(hit.id), hit.title).toBe(true);
    expect(misspelt.notice).toBeNull();
    // The matched word is highlighted like any stemmed match.
    expect(misspelt.hits[0]?.snippet.toLowerCase()).toContain('<mark>transparencia</mark>');
  });

  it('espionage~1 finds the seed letter through "espionaje", and ~0 does not fuzz', () => {
    expect(archive.search({ query: 'espionage~1', limit: 100 }).hits.map((hit) => hit.id)).toContain(built.letter.id);
    expect(archive.search({ query: 'transparensia', limit: 100 }).total).toBe(0);
  });

  it('skips words under four letters and reads the vocabulary once', () => {
    let reads = 0;
    const words = new FuzzyWords(() => {
      reads += 1;
      return ['casa', 'cosa', 'caso', 'casas', 'mesa'];
    });
    expect(words.near('cas', 1)).toEqual([]);
    expect(words.near('casa', 1).sort()).toEqual(['casa', 'casas', 'caso', 'cosa']);
    expect(words.near('cosa', 1).sort()).toEqual(['casa', 'cosa']);
    expect(reads).toBe(1);
  });

  it('finds each word of a length among many of that length, from a vocabulary streamed once', () => {
    let reads = 0;
    const words = new FuzzyWords(function* vocabulary() {
      reads += 1;
      yield* ['cana', 'caña', 'casa', 'cañas', 'año', 'mesa', 'masa', 'cañón', 'pana'];
    });
    expect(words.near('caña', 1).sort()).toEqual(['cana', 'casa', 'caña', 'cañas']); // not pana: two edits
    expect(words.near('mesas', 1)).toEqual(['mesa']);
    expect(words.near('mesas', 2).sort()).toEqual(['masa', 'mesa']);
    expect(words.near('cañon', 1)).toEqual(['cañón']);
    expect(reads).toBe(1);
  });

  it('measures optimal-string-alignment distance', () => {
    expect(withinDistance('transparensia', 'transparencia', 1)).toBe(true);
    expect(withinDistance('gobeirno', 'gobierno', 1)).toBe(true); // adjacent transposition
    expect(withinDistance('goviernos', 'gobierno', 1)).toBe(false); // substitution + deletion
    expect(withinDistance('goviernos', 'gobierno', 2)).toBe(true);
    expect(withinDistance('datos', 'dato', 0)).toBe(false);
    expect(withinDistance('año', 'ano', 1)).toBe(true); // ñ is a letter of its own: one edit
  });
});
