import { beforeAll, describe as group, expect, it } from 'vitest';
import { anchor } from '../../../src-main/core/annotations/anchoring/anchor';
import { describe, CONTEXT_LENGTH } from '../../../src-main/core/annotations/anchoring/describe';
import { MIN_SIMILARITY } from '../../../src-main/core/annotations/anchoring/approximate-quote';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';

let seeds: SeedArchive;
beforeAll(async () => {
  seeds = await buildSeedArchive();
});

// A sentence of the seed letter, highlighted by a reader.
const PASSAGE = 'la vigilancia digital ilegal contra investigadores y defensores de la salud en México';

group('describe', () => {
  it('keeps the quote with 32 code units of context on each side, offsets as JS string indices', () => {
    const text = seeds.letter.text;
    const { start, end } = spanOf(text, PASSAGE);
    const selectors = describe(text, start, end);
    expect(selectors.quote.exact).toBe(PASSAGE);
    expect(selectors.quote.prefix).toBe(text.slice(start - CONTEXT_LENGTH, start));
    expect(selectors.quote.prefix.endsWith('Gobierno mexicano en ')).toBe(true);
    expect(selectors.quote.suffix.startsWith(', fue publicada por el periódico')).toBe(true);
    expect(selectors.position).toEqual({ type: 'TextPositionSelector', start, end });
  });

  it('clips context at the document edges and refuses empty, reversed, out-of-range or half-character spans', () => {
    const text = seeds.letter.text;
    expect(describe(text, 0, 6).quote).toMatchObject({ exact: 'Ciudad', prefix: '' });
    expect(describe(text, text.length - 3, text.length).quote.suffix).toBe('');
    expect(() => describe(text, 10, 10)).toThrow(/non-empty range/);
    expect(() => describe(text, 10, 5)).toThrow(/non-empty range/);
    expect(() => describe(text, 0, text.length + 1)).toThrow(`length ${text.length}`);
    expect(() => describe('a😀b', 0, 2)).toThrow(/surrogate pair/);
  });
});

group('anchor on the seed letter', () => {
  it('unchanged text: found at the stored position, state anchored, similarity 1', () => {
    const text = seeds.letter.text;
    const { start, end } = spanOf(text, PASSAGE);
    expect(anchor(text, describe(text, start, end))).toEqual({ start, end, state: 'anchored', similarity: 1 });
  });

  it('text inserted before the passage: the same words are found further on, state moved', () => {
    const text = seeds.letter.text;
    const { start, end } = spanOf(text, PASSAGE);
    const selectors = describe(text, start, end);
    const insertion = 'Nota de la edición: párrafo añadido después de la firma.\n\n';
    const edited = insertion + text;
    const found = anchor(edited, selectors);
    expect(found).toEqual({
      start: start + insertion.length,
      end: end + insertion.length,
      state: 'moved',
      similarity: 1,
    });
    expect(edited.slice(found!.start, found!.end)).toBe(PASSAGE);
  });

  it('one word of the passage changed: approximate match above the threshold, on the edited words', () => {
    const text = seeds.letter.text;
    const { start, end } = spanOf(text, PASSAGE);
    const selectors = describe(text, start, end);
    const edited = text.replace('vigilancia digital ilegal', 'vigilancia electrónica ilegal');
    const found = anchor(edited, selectors);
    expect(found?.state).toBe('moved');
    expect(found!.similarity).toBeGreaterThanOrEqual(MIN_SIMILARITY);
    expect(found!.similarity).toBeLessThan(1);
    expect(edited.slice(found!.start, found!.end)).toBe(
      'la vigilancia electrónica ilegal contra investigadores y defensores de la salud en México',
    );
  });

  it('the passage removed: null (orphaned), never attached to the similar sentence that remains', () => {
    const text = seeds.letter.text;
    const { start, end } = spanOf(text, PASSAGE);
    const selectors = describe(text, start, end);
    const edited = text.slice(0, start) + 'el espionaje' + text.slice(end);
    expect(anchor(edited, selectors)).toBeNull();
  });

  it('a passage rewritten beyond the threshold is orphaned, not stretched onto other words', () => {
    const text = seeds.letter.text;
    const { start, end } = spanOf(text, PASSAGE);
    const selectors = describe(text, start, end);
    const edited =
      text.slice(0, start) +
      'el monitoreo ilícito de personas investigadoras y defensoras en el país' +
      text.slice(end);
    expect(anchor(edited, selectors)).toBeNull();
  });

  it('a quote that occurs several times picks the copy whose context matches, even after text moved', () => {
    const text = seeds.letter.text;
    const quote = 'Núcleo de la Sociedad Civil';
    const second = spanOf(text, quote, 1);
    expect(spanOf(text, quote, 0).start).toBeLessThan(second.start);
    const selectors = describe(text, second.start, second.end);
    // Insert exactly the distance between the copies before the first one: the FIRST copy now
    // sits at the stored offset, but its context is wrong; the second copy must win.
    const first = spanOf(text, quote, 0);
    const shift = second.start - first.start;
    const filler = 'x'.repeat(shift - 1) + '\n';
    const edited = text.slice(0, first.start - 20) + filler + text.slice(first.start - 20);
    expect(edited.slice(second.start, second.end)).toBe(quote);
    const found = anchor(edited, selectors);
    expect(found).toEqual({ start: second.start + shift, end: second.end + shift, state: 'moved', similarity: 1 });
  });

  it('finds a quote-only selector (no position) by its context', () => {
    const text = seeds.letter.text;
    const quote = 'Núcleo de la Sociedad Civil';
    const second = spanOf(text, quote, 1);
    const { quote: quoteSelector } = describe(text, second.start, second.end);
    const found = anchor(text, { quote: quoteSelector });
    expect(found).toMatchObject({ start: second.start, end: second.end, similarity: 1 });
  });
});
