import { readFileSync } from 'node:fs';
import { fromParse5 } from 'hast-util-from-parse5';
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { escapedHtmlFragment } from '../../../src-main/core/import/escaped-html-fragment';
import { createMarkdownParser, mayHoldAttributeList } from '../../../src-main/core/import/markdown-it-setup';
import { renderWithSourceLines } from '../../../src-main/core/import/markdown-source-lines';
import { allExamples } from './conformance/run-examples';
import { CORPUS, textFiles } from './corpus';

/** What parse5 makes of `html`, as renderMarkdown converts it (no source positions). */
function parse5Tree(html: string): unknown {
  return fromParse5(parseFragment(html, { scriptingEnabled: false }));
}

/** markdown-it's HTML of `markdown`, exactly as renderMarkdown produces it before parsing. */
function markdownItHtml(markdown: string): string {
  const parser = createMarkdownParser({ attributeLists: mayHoldAttributeList(markdown) });
  const env = {};
  return renderWithSourceLines(parser, parser.parse(markdown, env), env).html.replace(/\n+$/, '');
}

const inputs = [
  ...allExamples().map((example) => ({ name: example.id, markdown: example.markdown })),
  ...textFiles(CORPUS)
    .filter((file) => /\.(md|markdown|txt)$/i.test(file))
    .map((file) => ({ name: file, markdown: readFileSync(file, 'utf8') })),
];

describe('escapedHtmlFragment: markdown-it HTML read without parse5', () => {
  const outcomes = inputs.map(({ name, markdown }) => {
    const html = markdownItHtml(markdown);
    return { name, html, direct: escapedHtmlFragment(html) };
  });

  it('gives parse5’s tree for every spec example and real document it reads', () => {
    const read = outcomes.filter((outcome) => outcome.direct !== null);
    for (const outcome of read) expect(outcome.direct, outcome.name).toEqual(parse5Tree(outcome.html));
    // Most examples and every real document without raw HTML are read directly, not handed back.
    expect(read.length).toBeGreaterThan(450);
    expect(read.filter((outcome) => outcome.name.startsWith(CORPUS)).length).toBeGreaterThan(20);
  });

  it('hands back HTML that parse5 would build differently, or that holds raw HTML', () => {
    const handedBack = [
      '<p><a href="x">a<a href="y">b</a></a></p>', // a link in a link: the adoption agency moves it
      '<table><tr><td>x</td></tr></table>', // an implied <tbody>
      '<table>x<tbody></tbody></table>', // text moved out of the table
      '<p>a<ul><li>b</li></ul></p>', // the list closes the paragraph
      '<h2>a<p>b</p></h2>', // a paragraph inside a heading
      '<pre>\nx</pre>', // the first line break of <pre> is dropped
      '<p>a &copy; b</p>', // an entity markdown-it does not write
      '<p>a <span>b</span></p>', // raw HTML
      '<p>a<!-- b --></p>',
      '<p>a</em></p>', // an end tag that closes nothing open
      '<p class="a" class="b">x</p>', // an attribute twice
      '<p>a', // left open
      '<img src="a"/>',
      '<p>a\u0000b</p>',
    ];
    for (const html of handedBack) expect(escapedHtmlFragment(html), html).toBeNull();
  });

  it('decodes the four entities markdown-it writes, in text and attribute values', () => {
    const html = '<p><a href="/?a=1&amp;b=&quot;2&quot;" title="&lt;x&gt;">&lt;b&gt; &amp; &quot;c&quot;</a></p>';
    const tree = escapedHtmlFragment(html);
    expect(tree).toEqual(parse5Tree(html));
    expect(JSON.stringify(tree)).toContain('"href":"/?a=1&b=\\"2\\""');
  });
});
