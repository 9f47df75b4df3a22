import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { anchor } from '../../../src-main/core/annotations/anchoring/anchor';
import { describe } from '../../../src-main/core/annotations/anchoring/describe';
import { buildSeedArchive, type SeedArchive } from './seed-corpus';

let seeds: SeedArchive;
beforeAll(async () => {
  seeds = await buildSeedArchive();
});

/** Spans of at least 12 code units: shorter quotes legitimately repeat without context. */
const span = (length: number) =>
  fc
    .integer({ min: 0, max: length - 12 })
    .chain((start) =>
      fc.integer({ min: start + 12, max: Math.min(length, start + 300) }).map((end) => ({ start, end })),
    );

it('describe then anchor on the unchanged seed letter always returns the same span, anchored', () => {
  const text = seeds.letter.text;
  fc.assert(
    fc.property(span(text.length), ({ start, end }) => {
      expect(anchor(text, describe(text, start, end))).toEqual({ start, end, state: 'anchored', similarity: 1 });
    }),
    { numRuns: 300, seed: 4242 },
  );
});

it('text inserted anywhere outside the passage never loses it: same words, shifted when before', () => {
  const text = seeds.article.text;
  fc.assert(
    fc.property(
      span(text.length),
      fc.nat(),
      fc.string({ minLength: 1, maxLength: 40 }),
      ({ start, end }, rawAt, inserted) => {
        // Insert strictly outside the passage and its context, so the quote itself is intact.
        const outside = [...Array(text.length + 1).keys()].filter((i) => i <= start - 40 || i >= end + 40);
        if (outside.length === 0) return;
        const at = outside[rawAt % outside.length]!;
        const edited = text.slice(0, at) + inserted + text.slice(at);
        const found = anchor(edited, describe(text, start, end));
        expect(found).not.toBeNull();
        expect(edited.slice(found!.start, found!.end)).toBe(text.slice(start, end));
        const shift = at <= start ? inserted.length : 0;
        // The copy chosen is the original one (context decides between repeated phrases).
        expect(found!.start).toBe(start + shift);
        expect(found!.state).toBe(shift === 0 ? 'anchored' : 'moved');
      },
    ),
    { numRuns: 200, seed: 2017 },
  );
});
