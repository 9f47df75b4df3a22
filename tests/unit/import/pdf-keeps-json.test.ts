import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { PDF_LETTER } from './corpus';

describe('reading a PDF', () => {
  it("leaves V8's JSON.stringify in place (pdf.js's core-js replaces it with a slower one)", async () => {
    // A fresh module registry (which also runs this file in its own worker): pdf.js must load
    // during this test, or a file before it would already have replaced JSON.stringify.
    vi.resetModules();
    const before = JSON.stringify;
    const { extractPdfText } = await import('../../../src-main/core/import/pdf-text');
    const text = await extractPdfText(readFileSync(PDF_LETTER));
    expect(text.markdown).toContain('Gobierno Abierto');
    expect(JSON.stringify).toBe(before);
  });
});
