import { describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { fieldText, INDEX_FIELD_NAMES } from '../../../src-main/core/search/fields';
import type { ImportedDocument } from '../../../src-main/core/import/model';
import { withRealCorpus, type BuiltCorpus } from './real-corpus';

let built: BuiltCorpus;
let archive: Archive;
const analyzer = createSpanishAnalyzer();

withRealCorpus(openArchive, (corpus, opened) => {
  built = corpus;
  archive = opened;
});

/** How many of the query's words (as index terms) occur in any indexed field of the document. */
function wordsContained(document: ImportedDocument, query: string): number {
  const terms = new Set<string>();
  for (const field of INDEX_FIELD_NAMES) {
    const text = field === 'body' ? document.text : fieldText(document, field);
    for (const term of analyzer.analyzeText(text)) terms.add(term);
  }
  return analyzer.analyzeText(query).filter((term) => terms.has(term)).length;
}

describe('coordination factor: documents matching every word of the query come first', () => {
  it.each(['funcion publica', 'gobierno abierto', 'datos abiertos', 'derechos humanos'])(
    'ranks every document holding both words of "%s" above every document holding one',
    (query) => {
      const byId = new Map(built.imported.documents.map((document) => [document.id, document]));
      const hits = archive.search({ query, limit: 1000, match: 'any' }).hits;
      const contained = hits.map((hit) => wordsContained(byId.get(hit.id) as ImportedDocument, query));
      const both = contained.filter((count) => count === 2).length;
      // Both kinds occur, so the order is actually tested.
      expect(both).toBeGreaterThan(0);
      expect(contained.filter((count) => count === 1).length).toBeGreaterThan(0);
      expect(contained.slice(0, both).every((count) => count === 2)).toBe(true);
    },
  );

  it('puts the seed letter (which contains "Función Pública") above documents with only "función"', () => {
    const hits = archive.search({ query: 'funcion publica', limit: 1000, match: 'any' }).hits;
    const letterRank = hits.findIndex((hit) => hit.id === built.letter.id);
    expect(letterRank).toBeGreaterThanOrEqual(0);
    const onlyOne = hits.findIndex((hit) => {
      const document = built.imported.documents.find((candidate) => candidate.id === hit.id) as ImportedDocument;
      return wordsContained(document, 'funcion publica') === 1;
    });
    expect(onlyOne).toBeGreaterThan(letterRank);
  });

  it('leaves single-word queries scored as Lunr scores them (the factor is 1)', () => {
    const hits = archive.search({ query: 'gobierno', limit: 1000 }).hits;
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(hits.length).toBeGreaterThan(1);
  });
});
