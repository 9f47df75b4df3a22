import { describe, expect, it } from 'vitest';
import { allExamples, runExample } from './conformance/run-examples';

/**
 * CommonMark 0.31.2 and GFM (cmark-gfm's extension examples) as a test: every example renders
 * through the app's whole Markdown pipeline (markdown-it, parse5, link transform, sanitiser) and is
 * compared with the spec's HTML after the SAME normalisation of both sides (conformance/normalise.ts
 * lists the app's deliberate differences). Examples with raw HTML are not compared (the app parses
 * and sanitises it by its allowlist), but no example of either kind may lose text.
 * Figures: `npx tsx tests/unit/import/conformance/figures.ts [-v]`.
 */

/** The examples whose HTML differs on purpose, each with the reason (README, "What the importer understands"). */
const DELIBERATE_DIFFERENCES = new Map<string, string>([
  ['commonmark-602', 'GFM autolink literals apply to CommonMark examples too: `<https://foo.bar/baz bim>`'],
  ['commonmark-608', 'GFM autolink literals apply to CommonMark examples too: `< https://foo.bar >`'],
  ['commonmark-611', 'GFM autolink literals apply to CommonMark examples too: `https://example.com`'],
  ['commonmark-612', 'GFM autolink literals apply to CommonMark examples too: `foo@bar.example.com`'],
  ['gfm-ext-23', "footnotes in GitHub's current markup (fn- ids, back-references, a heading for screen readers)"],
]);

const outcomes = allExamples().map(runExample);

describe('CommonMark and GFM spec examples', () => {
  it('reads every example of both specs', () => {
    // CommonMark 0.31.2 has 652 examples; cmark-gfm's spec.txt 24 extension examples, extensions.txt 28.
    expect(outcomes.filter((outcome) => outcome.example.id.startsWith('commonmark-'))).toHaveLength(652);
    expect(outcomes.filter((outcome) => outcome.example.id.startsWith('gfm-'))).toHaveLength(52);
  });

  const compared = outcomes.filter((outcome) => !outcome.rawHtml && !/^<ignore>/i.test(outcome.example.html));
  it.each(compared.map((outcome) => [outcome.example.id, outcome.example.section, outcome] as const))(
    '%s (%s) renders as the spec says',
    (id, _section, outcome) => {
      const reason = DELIBERATE_DIFFERENCES.get(id);
      if (reason)
        expect(outcome.actual, `a listed difference that no longer differs: ${reason}`).not.toBe(outcome.expected);
      else expect(outcome.actual).toBe(outcome.expected);
    },
  );

  it.each(outcomes.map((outcome) => [outcome.example.id, outcome] as const))('%s loses no text', (_id, outcome) => {
    expect(outcome.lostWords).toEqual([]);
  });

  it('leaves no empty class attribute in any example', () => {
    expect(outcomes.filter((outcome) => /class=""/.test(outcome.appHtml)).map((outcome) => outcome.example.id)).toEqual(
      [],
    );
  });
});
