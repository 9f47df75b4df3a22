import { describe, expect, it } from 'vitest';
import { createHtmlChecker, urlScheme } from './executable';

/** The checker must itself catch what it is meant to catch, or every test built on it passes vacuously. */
describe('the executable-construct checker', () => {
  const checker = createHtmlChecker();
  const problems = (html: string): string[] => checker.check(html).map((violation) => violation.problem);

  it.each([
    ['<script>x</script>', /forbidden element <script>/],
    ['<img src=x onerror=y>', /event handler attribute onerror/],
    ['<img src="https://evil.example/x.png">', /loading attribute src/],
    ['<img srcset="https://evil.example/x.png 2x">', /loading attribute srcset/],
    ['<a href="&#106;avascript:x">a</a>', /href with scheme javascript:/],
    ['<a href="java&#x09;script:x">a</a>', /href with scheme javascript:/],
    ['<a href=" data:text/html,x">a</a>', /href with scheme data:/],
    ['<p style="color:red">p</p>', /style attribute/],
    ['<span foo="url(https://evil.example)">s</span>', /CSS url\(/],
    ['<svg><a xlink:href="javascript:x">a</a></svg>', /foreign namespace|xlink:href with scheme javascript:/],
    ['<math><mi>x</mi></math>', /forbidden element <math>/],
    ['<base href="https://evil.example/">', /forbidden element <base>/],
    ['<meta http-equiv="refresh" content="0;url=x">', /forbidden element <meta>/],
    [
      '<form action="https://evil.example"><button formaction="javascript:x">b</button></form>',
      /formaction with scheme javascript:/,
    ],
    ['<iframe srcdoc="x"></iframe>', /forbidden element <iframe>/],
  ])('flags %s', (html, expected) => {
    expect(problems(html).some((problem) => expected.test(problem))).toBe(true);
  });

  it('accepts what the importer emits', () => {
    const html =
      '<h1 id="user-content-a">T</h1><p><a href="https://ejemplo.org" class="external" rel="noopener noreferrer">e</a> <a href="#doc/0123456789abcdef" data-doc-id="0123456789abcdef">d</a> <a href="mailto:a@b.c">m</a></p><img data-asset-id="ab" alt="x"><span class="asset-missing" data-missing-src="../x.png">x</span>';
    expect(problems(html)).toEqual([]);
  });

  it('reads schemes as a browser does', () => {
    expect(urlScheme('\u0001 JaVa\tScRiPt:x')).toBe('javascript');
    expect(urlScheme('relativo/a:b')).toBe(null);
    expect(urlScheme('#doc/x')).toBe(null);
  });
});
