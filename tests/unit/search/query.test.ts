import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH } from '../../../src-main/common/limits';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { MAX_PHRASES, MAX_QUERY_TERMS, parseQuery } from '../../../src-main/core/search/query';

const analyzer = createSpanishAnalyzer();
const parse = (query: string) => parseQuery(query, analyzer);

describe('parseQuery', () => {
  it('lists everything for an empty query or *', () => {
    for (const query of ['', '   ', '*', ' * ']) expect(parse(query).mode).toBe('all');
  });

  it('turns type: into a type filter, not a search term (Spanish names too)', () => {
    const parsed = parse('type:letter');
    expect(parsed).toMatchObject({ mode: 'all', includeTypes: ['letter'], excludeTypes: [], clauses: [] });
    expect(parse('espionaje -type:carta').excludeTypes).toEqual(['letter']);
    expect(parse('TYPE:Artículo').includeTypes).toEqual(['article']);
  });

  it('maps tag: and tags: to the tags field and lower-cases the terms, keeping accents for the stemmer', () => {
    const parsed = parse('tag:Transparencia title:MÉXICO');
    expect(parsed.clauses.map((clause) => [clause.fields, clause.term])).toEqual([
      [['tags'], 'transparencia'],
      [['title'], 'méxico'],
    ]);
    expect(parsed.terms).toEqual(['transparent', 'mexic']);
  });

  it("makes a phrase's words required terms (stop words dropped) and keeps the phrase as typed", () => {
    const parsed = parse('"Secretaría de la Función  Pública"');
    expect(parsed.phrases).toEqual([
      {
        typed: 'Secretaría de la Función  Pública',
        folded: 'secretaria de la funcion publica',
        field: null,
        exclude: false,
      },
    ]);
    expect(parsed.clauses.map((clause) => clause.term)).toEqual(['secretaría', 'función', 'pública']);
    expect(parsed.terms).toEqual(['secret', 'funcion', 'public']);
    expect(parsed.clauses.every((clause) => (clause as { presence?: number }).presence === 2)).toBe(true);
    expect(parse('title:"gobierno abierto"').phrases[0]?.field).toBe('title');
    expect(parse('-"gobierno abierto"').phrases[0]?.exclude).toBe(true);
  });

  it('merges repeated phrases and checks at most MAX_PHRASES different ones, with a query-budget notice', () => {
    const repeated = parse(Array.from({ length: 3000 }, () => '"de la"').join(' '));
    expect(repeated.phrases.map((phrase) => phrase.folded)).toEqual(['de la']);
    expect(repeated.notice).toBeNull();
    const many = parse(Array.from({ length: 12 }, (_, i) => `"gobierno ${i}"`).join(' '));
    expect(many.phrases).toHaveLength(MAX_PHRASES);
    expect(many.notice?.code).toBe('query-budget');
  });

  it('clamps fuzzy edit distances to 2 and absurd boosts', () => {
    expect(parse('gobierno~100').clauses[0]?.editDistance).toBe(2);
    expect(parse('gobierno^5000').clauses[0]?.boost).toBe(1000);
  });

  it('falls back to literal words for malformed syntax, explaining why', () => {
    const cases: Array<[string, RegExp, string[]]> = [
      ['title:', /expecting term/, ['title']],
      ['foo:bar', /unknown field "foo"/, ['foo', 'bar']],
      ['"Ejecutivo Federal', /unbalanced quotes/, ['ejecutivo', 'federal']],
      ['type:memo espionaje', /unknown document type "memo"/, ['type', 'memo', 'espionaje']],
      ['foo^', /boost must be numeric/, ['foo']],
    ];
    for (const [query, reason, words] of cases) {
      const parsed = parse(query);
      expect(parsed.notice?.code, query).toBe('literal-fallback');
      expect(parsed.notice?.message, query).toMatch(reason);
      expect(
        parsed.clauses.map((clause) => clause.term),
        query,
      ).toEqual(words);
    }
    expect(parse('~')).toMatchObject({ mode: 'all', notice: { code: 'literal-fallback' } });
  });

  it('cuts over-long queries and too many terms with query-truncated', () => {
    const long = parse('a'.repeat(MAX_QUERY_LENGTH + 10));
    expect(long.notice?.code).toBe('query-truncated');
    expect(long.clauses[0]?.term.length).toBe(MAX_QUERY_LENGTH);
    const many = parse(Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '));
    expect(many.clauses).toHaveLength(MAX_QUERY_TERMS);
    expect(many.notice?.message).toContain(`first ${MAX_QUERY_TERMS}`);
  });

  it('says nothing can match when every word is a stop word', () => {
    expect(parse('de la que').mode).toBe('none');
    expect(parse('+de espionaje').mode).toBe('search');
  });

  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 60,
          unit: fc.constantFrom(...'ab ñé:"*~^+-\\()[]{}0129'.split(''), 'title:', 'type:', '~2', '^3'),
        }),
        (query) => {
          const parsed = parse(query);
          expect(['all', 'none', 'search']).toContain(parsed.mode);
        },
      ),
      { numRuns: 500 },
    );
  });
});
