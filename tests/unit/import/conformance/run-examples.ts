import { AssetStore } from '../../../../src-main/core/import/assets';
import type { ReferenceContext } from '../../../../src-main/core/import/references';
import { renderMarkdown } from '../../../../src-main/core/import/render';
import { sanitizeSchema } from '../../../../src-main/core/import/sanitize-schema';
import { normaliseHtml, visibleWords } from './normalise';
import { commonMarkExamples, gfmExamples, hasRawHtml, type SpecExample } from './spec-examples';

export interface ExampleOutcome {
  example: SpecExample;
  rawHtml: boolean;
  expected: string;
  actual: string;
  /** Words the spec's HTML shows that the app's does not (in order of the spec). */
  lostWords: string[];
  /** The app's HTML as rendered, before normalisation. */
  appHtml: string;
}

/**
 * Elements whose content the app removes on purpose (scripts, styles, forms, embedded frames):
 * their text is not counted as lost. The sanitiser's own list, so the two cannot drift apart.
 */
export const STRIPPED_ELEMENTS: ReadonlySet<string> = new Set(sanitizeSchema.strip ?? []);

function context(): ReferenceContext {
  return {
    documentPath: '/nonexistent/spec/example.md',
    siteRoot: '/nonexistent/spec',
    boundary: '/nonexistent/spec',
    lineOffset: 0,
    warn: () => undefined,
    assets: new AssetStore(),
    documents: { byPath: () => null, byPermalink: () => null, byPostSlug: () => null },
    usedAssets: new Map(),
  };
}

export function runExample(example: SpecExample): ExampleOutcome {
  const appHtml = renderMarkdown(example.markdown, context()).html;
  const actualWords = visibleWords(appHtml);
  const remaining = new Map<string, number>();
  for (const word of actualWords) remaining.set(word, (remaining.get(word) ?? 0) + 1);
  const lostWords: string[] = [];
  for (const word of visibleWords(example.html, STRIPPED_ELEMENTS)) {
    const left = remaining.get(word) ?? 0;
    if (left > 0) remaining.set(word, left - 1);
    else lostWords.push(word);
  }
  return {
    example,
    rawHtml: hasRawHtml(example),
    expected: normaliseHtml(example.html),
    actual: normaliseHtml(appHtml),
    lostWords,
    appHtml,
  };
}

export function allExamples(): SpecExample[] {
  return [...commonMarkExamples(), ...gfmExamples()];
}
