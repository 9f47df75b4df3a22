import { describe, expect, it } from 'vitest';
import { looksLikeSvg } from '../../../src-main/core/import/sniff';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('looksLikeSvg', () => {
  it('finds an SVG after whitespace, a BOM, an XML declaration, comments or a doctype', () => {
    expect(looksLikeSvg(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe(true);
    expect(looksLikeSvg(bytes(' \t\r\n\v\f<SVG>'))).toBe(true);
    expect(looksLikeSvg(bytes('\uFEFF<svg>'))).toBe(true);
    expect(looksLikeSvg(bytes('\u00A0\u2003<svg>'))).toBe(true);
    expect(looksLikeSvg(bytes('<?xml version="1.0"?>\n<!-- a -->\n<!DOCTYPE svg PUBLIC "x">\n<svg\n>'))).toBe(true);
  });

  it('turns down texts that start otherwise, whatever follows', () => {
    expect(looksLikeSvg(bytes('---\ntitle: <svg>\n---\n<svg>'))).toBe(false);
    expect(looksLikeSvg(bytes('x<svg>'))).toBe(false);
    expect(looksLikeSvg(bytes('\u0000<svg>'))).toBe(false);
    expect(looksLikeSvg(bytes('<html><svg></svg></html>'))).toBe(false);
    expect(looksLikeSvg(bytes('é<svg>'))).toBe(false);
    expect(looksLikeSvg(new Uint8Array(0))).toBe(false);
  });
});
