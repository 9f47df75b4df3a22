import { describe, expect, it } from 'vitest';
import { CorpusReader } from '../../../src-main/core/store/corpus-reader';
import { foldForMatching, foldPhrase } from '../../../src-main/core/search/fold';
import { containsPhrase, isWordChar } from '../../../src-main/core/search/text-match';
import { openArchive } from '../../../src-main/core/store/archive';
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

/** The check every query used to run in JS: fold the whole text, then containsPhrase. */
function expectedIds(phrase: string): string[] {
  const folded = foldPhrase(phrase);
  return built.imported.documents
    .filter((document) => containsPhrase(foldForMatching(document.text), folded))
    .map((document) => document.id)
    .sort();
}

/** Whether the phrase's FIRST substring occurrence in the text fails the word-boundary rule. */
function firstOccurrenceInsideWord(text: string, folded: string): boolean {
  const at = text.indexOf(folded);
  if (at < 0) return false;
  const before = at > 0 ? (text[at - 1] as string) : ' ';
  const after = text[at + folded.length] ?? ' ';
  return isWordChar(before) || isWordChar(after);
}

describe('phrase checks over the stored word positions and the texts folded on the fly', () => {
  const phrases = [
    'Ejecutivo Federal',
    'Función Pública',
    'gobierno abierto',
    'datos abiertos',
    'dato',
    'public',
    'rendición de cuentas',
    'año',
    'de la',
    'México,',
    'Ciudad de México, a',
    'datos.',
    '(',
    'de  la',
  ];

  it.each(phrases)('finds exactly the documents the JS fold finds for "%s"', (phrase) => {
    const found = [...reader.documentsWithPhrase(foldPhrase(phrase))].sort();
    expect(found).toEqual(expectedIds(phrase));
  });

  it('finds the letter for "Función Pública", whatever the whitespace inside the phrase', () => {
    expect(reader.documentsWithPhrase('funcion publica').has(built.letter.id)).toBe(true);
    // A line break inside the phrase still matches: foldPhrase and the text's fold collapse whitespace.
    expect(reader.documentsWithPhrase(foldPhrase('Secretaría de la\n  Función Pública')).has(built.letter.id)).toBe(
      /secretar[íi]a\s+de\s+la\s+funci[óo]n\s+p[úu]blica/i.test(built.letter.text),
    );
  });

  it('looks past a first occurrence inside a longer word (the JS fallback is exercised)', () => {
    // "dato" first occurs inside "datos" in some documents that also hold the word "dato".
    const folded = 'dato';
    const tricky = built.imported.documents.filter((document) => {
      const text = foldForMatching(document.text);
      return firstOccurrenceInsideWord(text, folded) && containsPhrase(text, folded);
    });
    const skipped = built.imported.documents.filter((document) => {
      const text = foldForMatching(document.text);
      return firstOccurrenceInsideWord(text, folded) && !containsPhrase(text, folded);
    });
    expect(tricky.length + skipped.length).toBeGreaterThan(0);
    const found = reader.documentsWithPhrase(folded);
    for (const document of tricky) expect(found.has(document.id)).toBe(true);
    for (const document of skipped) expect(found.has(document.id)).toBe(false);
  });

  it('refuses a database indexed before folded texts were stored, asking for a rebuild', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { copyFileSync } = await import('node:fs');
    const stale = `${built.file}.stale.sqlite`;
    copyFileSync(built.file, stale);
    const db = new Database(stale);
    db.prepare("UPDATE search_index SET analyzer = 'es-fold-v1/lunr-compact-1' WHERE id = 1").run();
    db.close();
    expect(() => openArchive(stale)).toThrow(/rebuild the corpus/);
  });
});
