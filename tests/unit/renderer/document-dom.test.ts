// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { buildCorpus } from '../../../src-main/core/build/build';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import type { DocumentRecord } from '../../../src-main/common/types';
import { sanitizeDocumentHtml } from '../../../src-renderer/lib/sanitize';
import { findAnchorTarget, prepareDocumentDom } from '../../../src-renderer/lib/document-dom';
import { createWordMatcher, highlightSubstring, highlightWords } from '../../../src-renderer/lib/highlight';

/** The reader's DOM pipeline (sanitise again, wire images and links, highlight) on the real seed letter. */
const repoRoot = path.resolve(__dirname, '../../..');
let workDir: string;
let archive: Archive;
let letter: DocumentRecord;
const t = ((key: string, options?: Record<string, string>) =>
  options?.alt ? `${key}:${options.alt}` : key) as unknown as TFunction;

function render(html: string): HTMLElement {
  const root = document.createElement('div');
  root.append(sanitizeDocumentHtml(html));
  document.body.replaceChildren(root);
  return root;
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-dom-'));
  const out = path.join(workDir, 'seeds.sqlite');
  await buildCorpus({ inputs: [path.join(repoRoot, 'resources/corpus')], out });
  archive = openArchive(out);
  const id = archive.search({ query: '', filters: { type: ['letter'] } }).hits[0]?.id;
  letter = archive.getDocument(id ?? '')!;
});

afterAll(() => {
  archive?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('render-time sanitising of the seed letter', () => {
  it('keeps the footnote wiring and marks external links', () => {
    const root = render(letter.html);
    prepareDocumentDom(root, (assetId) => `/api/assets/${assetId}`, t);
    const reference = root.querySelector('a[data-footnote-ref]');
    expect(reference?.getAttribute('href')).toBe('#user-content-fn-1');
    expect(findAnchorTarget(root, '#user-content-fn-1')?.textContent).toContain('CitizenLab');
    expect(
      findAnchorTarget(
        root,
        reference?.closest('li')?.querySelector('[data-footnote-backref]')?.getAttribute('href') ??
          '#user-content-fnref-1',
      ),
    ).toBe(reference);
    const citizenLab = root.querySelector<HTMLAnchorElement>('a[href^="https://citizenlab.org/"]');
    expect(citizenLab?.classList.contains('external')).toBe(true);
  });

  it('highlights the stem of espionaje and finds "FUNCION PUBLICA" across accents and case', () => {
    const root = render(letter.html);
    const marks = highlightWords(root, createWordMatcher(['espionaj'], [])!, 'hit');
    expect(marks.length).toBeGreaterThanOrEqual(1);
    expect(marks.every((mark) => /^espionaje?s?$/i.test(mark.textContent ?? ''))).toBe(true);
    const found = highlightSubstring(root, 'FUNCION PUBLICA', 'find');
    expect(found.map((mark) => mark.textContent)).toContain('Función Pública');
    // Marking never changes the text a reader sees.
    expect(root.textContent).toBe(render(letter.html).textContent);
  });
});

describe('render-time sanitising of hostile HTML (a tampered database)', () => {
  it('drops scripts, handlers, frames, styles and dangerous links, and never lets an image fetch by itself', () => {
    const root = render(
      [
        '<p onclick="alert(1)" style="color:red">texto<script>alert(2)</script></p>',
        '<img src="https://tracker.example/p.png" onerror="alert(3)" alt="remota">',
        '<img data-asset-id="' + 'a'.repeat(64) + '" src="http://evil.example/x.png" alt="local">',
        '<a href="javascript:alert(4)">js</a><a href="file:///etc/passwd">file</a><a href="https://ok.example/">ok</a>',
        '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="q"></form>',
        '<svg><use href="https://evil.example/x.svg#a"></use></svg><link rel="stylesheet" href="https://evil.example/x.css">',
        '<a data-doc-id="0123456789abcdef" href="#doc/0123456789abcdef">interno</a>',
      ].join(''),
    );
    const html = root.innerHTML;
    expect(html).not.toMatch(/script|onclick|onerror|style=|iframe|<form|<input|<svg|<link|javascript:|file:/i);
    expect(root.querySelector('a[href="https://ok.example/"]')).not.toBeNull();
    expect(root.querySelector('a[data-doc-id="0123456789abcdef"]')).not.toBeNull();
    expect([...root.querySelectorAll('img')].every((image) => !image.hasAttribute('src'))).toBe(true);

    prepareDocumentDom(root, (assetId) => `/api/assets/${assetId}`, t);
    expect(root.querySelector('img')?.getAttribute('src')).toBe(`/api/assets/${'a'.repeat(64)}`);
    // The image without a stored asset becomes a placeholder showing its alt text.
    expect(root.querySelector('.asset-placeholder')?.getAttribute('aria-label')).toBe('reader.missingImage:remota');
  });

  it('shows task lists as disabled checkboxes, and no other input', () => {
    const root = render(
      '<ul><li><input disabled type="checkbox"> a</li><li><input checked type="checkbox" name="x" onchange="y()"> b</li></ul><input type="text" value="z"><p checked disabled>c</p>',
    );
    expect(root.innerHTML).toBe(
      '<ul><li><input disabled="" type="checkbox"> a</li><li><input checked="" type="checkbox" disabled=""> b</li></ul><p>c</p>',
    );
  });
});
