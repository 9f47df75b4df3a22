import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSpanishAnalyzer } from '../../../src-main/core/search/analyzer';
import { makeSnippet } from '../../../src-main/core/search/snippet';
import { snippetParts } from '../../../src-renderer/lib/snippet-parts';
import { SEEDS } from '../search/real-corpus';

const analyzer = createSpanishAnalyzer();
const terms = (...words: string[]): Set<string> => new Set(words.map((word) => analyzer.analyzeWord(word) as string));

/** The text a row shows, marks as [brackets]. */
const shown = (snippet: string): string =>
  snippetParts(snippet)
    .map((part) => (part.marked ? `[${part.text}]` : part.text))
    .join('');

describe('snippetParts: the result rows render the server snippet as text and marks only', () => {
  it('reads the seed letter snippet for "Función Pública" as text with two marked words', () => {
    const letterText = readFileSync(path.join(SEEDS, '000_ff8ecd809083cd7f.txt'), 'utf8');
    const { html } = makeSnippet(
      { text: letterText, matchedTerms: terms('funcion', 'publica'), phrases: [] },
      analyzer,
    );
    const parts = snippetParts(html);
    expect(parts.filter((part) => part.marked).map((part) => part.text)).toContain('Función');
    expect(shown(html)).toContain('[Función] [Pública]');
    expect(shown(html)).not.toMatch(/[<>]|&[a-z#]/);
  });

  it('shows markup written in a document as the text it is: the server escapes everything but its marks', () => {
    const text = 'El <script>alert("x")</script> & <mark>falso</mark> de l\'espionaje <img src=x onerror=y()> sigue.';
    const { html } = makeSnippet({ text, matchedTerms: terms('espionaje'), phrases: [] }, analyzer);
    // The proof the rows rely on: apart from <mark> and </mark>, the server's snippet holds no tag.
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(shown(html)).toBe(
      'El <script>alert("x")</script> & <mark>falso</mark> de l\'[espionaje] <img src=x onerror=y()> sigue.',
    );
  });

  it('drops foreign tags (a tampered database) and keeps unknown entities as written', () => {
    expect(
      shown('…el <mark>espionaje</mark> <b onmouseover="x()">del</b> &lt;gobierno&gt;<img src=x>&eacute; &#233;…'),
    ).toBe('…el [espionaje] del <gobierno>&eacute; é…');
    expect(shown('<MARK>a</MARK> b </mark>c &#0; &#x110000;')).toBe('[a] b c &#0; &#x110000;');
  });

  it('merges runs and returns nothing for an empty snippet', () => {
    expect(snippetParts('')).toEqual([]);
    expect(snippetParts('<mark>a</mark><mark>b</mark> c')).toEqual([
      { text: 'ab', marked: true },
      { text: ' c', marked: false },
    ]);
  });
});
