import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

/**
 * The CommonMark and GFM spec examples, read where they are published: CommonMark 0.31.2 from the
 * `commonmark-spec` package, GFM's extension examples (tables, task lists, strikethrough, autolink
 * literals, tag filter) from cmark-gfm's `spec.txt` and `extensions.txt` in ../shared/reference
 * (test data only, never copied into the project).
 */
export interface SpecExample {
  /** `commonmark-42`, `gfm-spec-201` (example number in cmark-gfm's spec.txt), `gfm-ext-7`. */
  id: string;
  section: string;
  markdown: string;
  html: string;
}

const GFM_SPEC_FOLDER = fileURLToPath(new URL('../../../../../shared/reference/gfm-spec/', import.meta.url));

/** The example fences of the spec format: 32 backticks, `example` and an optional extension name. */
const FENCE = '`'.repeat(32);

/** Examples of a spec text; `→` stands for a tab, as in the spec. `keep` chooses by extension name. */
export function parseSpecText(text: string, prefix: string, keep: (extension: string) => boolean): SpecExample[] {
  const examples: SpecExample[] = [];
  let section = '';
  let number = 0;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heading = /^#{1,6} +(.*)$/.exec(line);
    if (heading) {
      section = heading[1] ?? '';
      continue;
    }
    if (!line.startsWith(`${FENCE} example`)) continue;
    number += 1;
    const extension = line.slice(FENCE.length + ' example'.length).trim();
    const markdownLines: string[] = [];
    const htmlLines: string[] = [];
    let target = markdownLines;
    for (index += 1; index < lines.length && lines[index] !== FENCE; index += 1) {
      if (lines[index] === '.' && target === markdownLines) target = htmlLines;
      else target.push(lines[index] ?? '');
    }
    if (!keep(extension)) continue;
    const untab = (part: string[]): string => (part.length > 0 ? `${part.join('\n')}\n` : '').replace(/→/g, '\t');
    examples.push({ id: `${prefix}-${number}`, section, markdown: untab(markdownLines), html: untab(htmlLines) });
  }
  return examples;
}

export function commonMarkExamples(): SpecExample[] {
  const specPath = createRequire(import.meta.url).resolve('commonmark-spec/spec.txt');
  return parseSpecText(readFileSync(specPath, 'utf8'), 'commonmark', () => true);
}

/** GFM's own examples: spec.txt's extension examples (its core examples are CommonMark's, older) and extensions.txt. */
export function gfmExamples(): SpecExample[] {
  const spec = readFileSync(path.join(GFM_SPEC_FOLDER, 'spec.txt'), 'utf8');
  const extensions = readFileSync(path.join(GFM_SPEC_FOLDER, 'extensions.txt'), 'utf8');
  return [
    ...parseSpecText(spec, 'gfm-spec', (extension) => extension !== ''),
    ...parseSpecText(extensions, 'gfm-ext', () => true),
  ];
}

/**
 * Whether an example holds raw HTML (CommonMark's open and closing tags, comments, processing
 * instructions, declarations, CDATA), which the app parses and then sanitises by its allowlist.
 * Autolinks (`<https://…>`, `<a@b.c>`) are not raw HTML.
 */
export function hasRawHtml(example: SpecExample): boolean {
  if (example.section === 'HTML blocks' || example.section === 'Raw HTML' || example.section === 'HTML tag filter')
    return true;
  return /<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|\/[A-Za-z][A-Za-z0-9-]*\s*>|!--|\?|![A-Za-z]|!\[CDATA\[)/.test(
    example.markdown,
  );
}
