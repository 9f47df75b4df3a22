// @vitest-environment jsdom
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../src-main/core/import/assets';
import type { ReferenceContext } from '../../../src-main/core/import/references';
import { renderHtmlPage, renderMarkdown } from '../../../src-main/core/import/render';
import { sanitizeDocumentHtml } from '../../../src-renderer/lib/sanitize';
import { createHtmlChecker, describeViolations, violationsInNode } from '../../hostile/executable';
import { propertyRuns } from './property-runs';

/**
 * Property: HTML built from an arbitrary tree of tags and attributes, dangerous ones included
 * (script, svg, math, mglyph, noscript, style, iframe, form, base, meta; on*, style, src, srcset,
 * href with every scheme, entity-encoded and whitespace-split), never yields an executable or
 * loading construct:
 *   - through the importer's render pipeline, as an HTML page and as raw HTML inside Markdown;
 *   - through the reader's DOMPurify pass, on raw input (a tampered database) and on the importer's output;
 * judged by the same checker as the hostile corpus, also after a serialise/parse round trip.
 */

const workDir = mkdtempSync(path.join(os.tmpdir(), 'sanitiser-properties-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function referenceContext(): ReferenceContext {
  return {
    documentPath: path.join(workDir, 'corpus', 'documento.html'),
    siteRoot: path.join(workDir, 'corpus'),
    boundary: path.join(workDir, 'corpus'),
    lineOffset: 0,
    warn: () => undefined,
    assets: new AssetStore(),
    documents: { byPath: () => null, byPermalink: () => null, byPostSlug: () => null },
    usedAssets: new Map(),
  };
}

const TAGS = [
  'script',
  'style',
  'svg',
  'math',
  'mtext',
  'mglyph',
  'mi',
  'annotation-xml',
  'foreignObject',
  'desc',
  'title',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'iframe',
  'object',
  'embed',
  'param',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'base',
  'meta',
  'link',
  'template',
  'table',
  'tr',
  'td',
  'img',
  'image',
  'picture',
  'source',
  'video',
  'a',
  'area',
  'map',
  'p',
  'div',
  'span',
  'b',
  'i',
  'em',
  'h1',
  'h2',
  'ul',
  'li',
  'blockquote',
  'pre',
  'code',
  'sup',
  'section',
  'details',
  'summary',
  'animate',
  'set',
  'use',
  'frameset',
  'frame',
  'isindex',
  'plaintext',
  'body',
  'html',
  'head',
];
const ATTRIBUTES = [
  'onerror',
  'onload',
  'onclick',
  'onmouseover',
  'ontoggle',
  'onfocus',
  'href',
  'src',
  'srcset',
  'srcdoc',
  'style',
  'xlink:href',
  'action',
  'formaction',
  'data',
  'poster',
  'background',
  'id',
  'name',
  'title',
  'class',
  'is',
  'alt',
  'values',
  'to',
  'attributeName',
  'http-equiv',
  'content',
  'data-asset-id',
  'data-doc-id',
  'data-missing-src',
  'rel',
  'target',
  'xmlns',
  'encoding',
  'autofocus',
  'open',
  'cite',
  'ping',
  'lang',
  'colspan',
];
const PAYLOAD = 'top.__pwned=1';
const VALUES = [
  `javascript:${PAYLOAD}`,
  `JaVaScRiPt:${PAYLOAD}`,
  `&#106;avascript:${PAYLOAD}`,
  `java&#x09;script:${PAYLOAD}`,
  `java\nscript:${PAYLOAD}`,
  ` \u0001javascript:${PAYLOAD}`,
  'vbscript:msgbox',
  'data:text/html,<script>top.__pwned=1</script>',
  'data:image/svg+xml,<svg onload=x>',
  'file:///etc/passwd',
  'https://evil.example/x.png',
  '//evil.example/x',
  'http://evil.example/a 1x, https://evil.example/b 2x',
  'url(https://evil.example/c.png)',
  'background:url(//evil.example)',
  'expression(alert(1))',
  '</noscript><img src=x onerror=top.__pwned=1>',
  '"><script>top.__pwned=1</script>',
  "'><img src=x onerror=top.__pwned=1>",
  '</style><img src=x onerror=top.__pwned=1>',
  '#user-content-x',
  '#doc/0123456789abcdef',
  '0123456789abcdef',
  'mailto:a@b.example',
  'https://ejemplo.org/',
  'text/html',
  'refresh',
  '0;url=https://evil.example',
  'external',
  'remote-image',
  '',
  'x',
];
const TEXTS = [
  'hola',
  ' ',
  '<!--',
  '-->',
  '</style>',
  '</script>',
  '<![CDATA[',
  ']]>',
  '&lt;img src=x onerror=1&gt;',
  '<img src=x onerror=top.__pwned=1>',
  '</noscript>',
  '</title>',
  '</textarea>',
  '&',
  '"',
  "'",
  '`',
];

interface Node {
  tag: string;
  attributes: Array<[string, string, '"' | "'" | '']>;
  children: Array<Node | string>;
  close: boolean;
}

const attribute = fc.tuple(
  fc.constantFrom(...ATTRIBUTES),
  fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 8 })),
  fc.constantFrom<'"' | "'" | ''>('"', "'", ''),
);
const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ unit: 'grapheme', maxLength: 10 }));
const tree = fc.letrec<{ node: Node; child: Node | string }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attributes: fc.array(attribute, { maxLength: 4 }),
    children: fc.array(tie('child'), { maxLength: 4, depthIdentifier: 'tree' }),
    close: fc.boolean(),
  }),
  child: fc.oneof({ depthSize: 'small', depthIdentifier: 'tree' }, text, tie('node')),
})).node;

function quoteValue(value: string, quote: '"' | "'" | ''): string {
  if (quote === '') return value.replace(/[\s>]/g, '') || 'x';
  return `${quote}${value.split(quote).join('')}${quote}`;
}

function serialise(node: Node | string): string {
  if (typeof node === 'string') return node;
  const attributes = node.attributes.map(([name, value, quote]) => ` ${name}=${quoteValue(value, quote)}`).join('');
  return `<${node.tag}${attributes}>${node.children.map(serialise).join('')}${node.close ? `</${node.tag}>` : ''}`;
}

const trees = fc.array(tree, { minLength: 1, maxLength: 3 });
const fragment = trees.map((nodes) => nodes.map(serialise).join(''));

/**
 * The tags, attributes, values and texts of the lists above that a property's runs generated.
 * The properties run fewer documents than they did (150 and 300, not 300 and 600: each costs
 * jsdom parses); each still has to meet every entry of every list at least once.
 */
function vocabularySeen(): { note(nodes: Array<Node | string>): void; missing(): string[] } {
  const seen = new Set<string>();
  const note = (nodes: Array<Node | string>): void => {
    for (const node of nodes) {
      if (typeof node === 'string') {
        seen.add(`text ${node}`);
        continue;
      }
      seen.add(`tag ${node.tag}`);
      for (const [name, value] of node.attributes) seen.add(`attribute ${name}`).add(`value ${value}`);
      note(node.children);
    }
  };
  const expected = [
    ...TAGS.map((tag) => `tag ${tag}`),
    ...ATTRIBUTES.map((name) => `attribute ${name}`),
    ...VALUES.map((value) => `value ${value}`),
    ...TEXTS.map((text) => `text ${text}`),
  ];
  return { note, missing: () => expected.filter((entry) => !seen.has(entry)) };
}

describe('sanitisers, on arbitrary hostile HTML', () => {
  const checker = createHtmlChecker();
  /** Violations in an HTML string, as parsed and after one browser serialise/parse round trip. */
  const judge = (html: string): string[] => {
    const body = new checker.window.DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
    return describeViolations([...violationsInNode(body), ...checker.check(body.innerHTML)]);
  };
  /** The reader's DOMPurify pass, judged on the fragment it returns and on that fragment serialised and parsed again. */
  const judgeRendered = (html: string): string[] => {
    const clean = sanitizeDocumentHtml(html);
    const container = document.createElement('div');
    container.append(clean.cloneNode(true));
    return describeViolations([...violationsInNode(clean), ...checker.check(container.innerHTML)]);
  };

  it('a <frameset> in a tampered database does not turn the document into the word "null" (found by the property below)', () => {
    const render = (html: string): string => {
      const container = document.createElement('div');
      container.replaceChildren(sanitizeDocumentHtml(html));
      return container.innerHTML;
    };
    expect(render('<frameset>texto<p>más</p>')).toBe('texto<p>más</p>');
    expect(render('<form><mi><map><frameset><script>top.__pwned=1</script>')).toBe('');
    expect(render('<frameset><frame src="https://evil.example/"></frameset>')).toBe('');
    expect(render('<p>hola</p><frameset>')).toBe('<p>hola</p>');
  });

  it('only links keep an href: a data: URI on <image> (parsed as an img) is dropped (found by the property below)', () => {
    const render = (html: string): string => {
      const container = document.createElement('div');
      container.replaceChildren(sanitizeDocumentHtml(html));
      return container.innerHTML;
    };
    expect(render('<object><a><image href="data:image/svg+xml,<svg onload=x>"><script>')).toBe('<a><img></a>');
    expect(render('<img href="data:text/html,x" alt="foto">')).toBe('<img alt="foto">');
    expect(render('<a href="https://example.org/">enlace</a>')).toBe('<a href="https://example.org/">enlace</a>');
  });

  it('the generator produces the constructs the sanitisers must remove', () => {
    // Without this the properties below could pass on inputs that were harmless to begin with.
    const samples = fc.sample(fragment, { numRuns: 300, seed: 6 });
    const dangerous = samples.filter((html) => judge(html).length > 0);
    expect(dangerous.length).toBeGreaterThan(200);
  });

  it('importer: as an HTML page and as raw HTML in Markdown, the output is inert', () => {
    let tried = 0;
    const vocabulary = vocabularySeen();
    fc.assert(
      fc.property(trees, (nodes) => {
        tried += 1;
        vocabulary.note(nodes);
        const html = nodes.map(serialise).join('');
        const page = renderHtmlPage(
          `<!DOCTYPE html><html><head><title>t</title></head><body>${html}</body></html>`,
          referenceContext(),
        );
        expect(judge(page.html), page.html).toEqual([]);
        const markdown = renderMarkdown(
          `# Título\n\n${html}\n\n[enlace](${VALUES[tried % VALUES.length]?.replace(/[\s()]/g, '')})\n`,
          referenceContext(),
        );
        expect(judge(markdown.html), markdown.html).toEqual([]);
        // The reader sanitises the importer's output again: still inert.
        expect(judgeRendered(page.html)).toEqual([]);
      }),
      propertyRuns(150),
    );
    expect(vocabulary.missing()).toEqual([]);
    console.log(
      `sanitiser property (importer): ${tried} generated documents, each as HTML page and Markdown, 0 violations`,
    );
  }, 120_000);

  it('reader: DOMPurify alone (a tampered corpus database) leaves nothing executable', () => {
    let tried = 0;
    const vocabulary = vocabularySeen();
    fc.assert(
      fc.property(trees, (nodes) => {
        tried += 1;
        vocabulary.note(nodes);
        const html = nodes.map(serialise).join('');
        expect(judgeRendered(html), html).toEqual([]);
      }),
      propertyRuns(300),
    );
    expect(vocabulary.missing()).toEqual([]);
    console.log(`sanitiser property (DOMPurify): ${tried} generated fragments, 0 violations`);
  }, 120_000);
});
