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
import { prepareDocumentDom } from '../../../src-renderer/lib/document-dom';
import { selectionToTextSpan, wrapTextSpans } from '../../../src-renderer/lib/text-spans';

/** DOM selection <-> `DocumentRecord.text` offsets on the real seed letter, as the reader renders it. */
const repoRoot = path.resolve(__dirname, '../../..');
let workDir: string;
let archive: Archive;
let letter: DocumentRecord;
const t = ((key: string) => key) as unknown as TFunction;

function render(): HTMLElement {
  const root = document.createElement('div');
  root.append(sanitizeDocumentHtml(letter.html));
  document.body.replaceChildren(root);
  prepareDocumentDom(root, (id) => `asset/${id}`, t);
  return root;
}

/** Selects the n-th occurrence of `needle` in the DOM, as a user's drag would (across element boundaries too). */
function selectInDom(root: HTMLElement, pattern: string | RegExp): Selection {
  const content = root.textContent ?? '';
  const found = typeof pattern === 'string' ? { index: content.indexOf(pattern), 0: pattern } : pattern.exec(content);
  expect(found && found.index >= 0).toBe(true);
  const at = found!.index;
  const needle = found![0];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let position = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const end = position + node.data.length;
    if (at >= position && at < end) range.setStart(node, at - position);
    if (at + needle.length > position && at + needle.length <= end) range.setEnd(node, at + needle.length - position);
    position = end;
  }
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-spans-'));
  const out = path.join(workDir, 'seeds.sqlite');
  await buildCorpus({ inputs: [path.join(repoRoot, 'resources/corpus')], out, name: 'Semillas' });
  archive = openArchive(out);
  const id = archive.search({ query: '', filters: { type: ['letter'] } }).hits[0]!.id;
  letter = archive.getDocument(id)!;
}, 60_000);

afterAll(() => {
  archive?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('text spans on the seed letter', () => {
  it('maps a selection inside one paragraph to the offsets of the same words in the text', () => {
    const root = render();
    const span = selectionToTextSpan(root, selectInDom(root, 'ha decidido de manera unánime'), letter.text);
    expect(span).not.toBeNull();
    expect(letter.text.slice(span!.start, span!.end)).toBe('ha decidido de manera unánime');
  });

  it('maps a selection across a heading and the next paragraph (a block break in the text)', () => {
    const root = render();
    const heading = 'Gobierno Abierto';
    const next = 'Estimados/as participantes';
    const span = selectionToTextSpan(
      root,
      selectInDom(root, new RegExp(`${heading}\\s*${next.replace('/', '\\/')}`)),
      letter.text,
    );
    expect(span).not.toBeNull();
    const quoted = letter.text.slice(span!.start, span!.end);
    expect(quoted.startsWith(heading)).toBe(true);
    expect(quoted.endsWith(next)).toBe(true);
    expect(quoted).toMatch(/Abierto\s+Estimados/);
  });

  it('wraps text offsets back into marks, overlapping spans as nested segments, without changing the text', () => {
    const root = render();
    const before = root.textContent;
    const a = letter.text.indexOf('ha decidido de manera unánime');
    const b = letter.text.indexOf('de manera unánime concluir');
    const marks = wrapTextSpans(root, letter.text, [
      { id: 'a', start: a, end: a + 'ha decidido de manera unánime'.length, className: 'annotation colour-yellow' },
      { id: 'b', start: b, end: b + 'de manera unánime concluir'.length, className: 'annotation colour-green' },
    ]);
    expect(root.textContent).toBe(before);
    const textOf = (id: string) =>
      [...root.querySelectorAll(`mark[data-annotation-id="${id}"]`)].map((mark) => mark.textContent).join('');
    expect(textOf('a')).toBe('ha decidido de manera unánime');
    expect(textOf('b')).toBe('de manera unánime concluir');
    expect(marks.get('b')?.closest('mark[data-annotation-id="a"]')).not.toBeNull();
  });
});
