import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { importSources } from '../../../src-main/core/import/index';
import type { ImportResult, ImportedDocument } from '../../../src-main/core/import/model';
import { LETTER_SEED, PDF_LETTER, anchorTags } from './corpus';

let result: ImportResult;
let pdf: ImportedDocument;
let markdown: ImportedDocument;

beforeAll(async () => {
  result = await importSources([PDF_LETTER, LETTER_SEED]);
  const [first, second] = result.documents;
  if (!first || !second) throw new Error('both letters should import');
  pdf = first;
  markdown = second;
});

/** The letter's body, from the salutation to the last signatory. */
function body(text: string): string {
  return text.slice(text.indexOf('Estimados/as'), text.indexOf('Transparencia Mexicana'));
}

describe('the seed letter printed to a 3-page PDF', () => {
  it('is recognised by its %PDF- magic and read as a letter', () => {
    expect(pdf.source).toBe('carta-osc-aga-2017-05-23.pdf');
    expect(pdf.type).toBe('letter');
    expect(pdf.date).toBe('2017-05-23');
    expect(pdf.place).toBe('Ciudad de México');
    // The same letter is imported here twice on purpose (Markdown and PDF): the only warning says so.
    expect(result.warnings.map((warning) => [warning.code, warning.file])).toEqual([
      ['duplicate', '000_ff8ecd809083cd7f.txt'],
    ]);
  });

  it('rebuilds the four-line 18 pt heading into the addressee', () => {
    expect(pdf.addressee).toBe(markdown.addressee);
    expect(pdf.title).toBe(markdown.title);
  });

  it('finds the same ten signatories (the bold "Artículo 19" included)', () => {
    expect(pdf.signatories).toEqual(markdown.signatories);
    expect(pdf.signatories).toHaveLength(10);
  });

  it('turns the raised "1" into a footnote linked both ways, with both URLs whole', () => {
    expect(pdf.html).toMatch(
      /The New York Times<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref=""/,
    );
    expect(pdf.html).toMatch(/<li id="user-content-fn-1">/);
    expect(pdf.html).toContain('href="#user-content-fnref-1" data-footnote-backref=""');
    const hrefs = anchorTags(pdf.html)
      .filter((tag) => tag.includes('class="external"'))
      .map((tag) => /href="([^"]+)"/.exec(tag)?.[1]);
    // The second URL was broken across two lines after a hyphen; it is glued back.
    expect(hrefs).toEqual([
      'https://citizenlab.org/2017/02/bittersweet-nso-mexico-spyware/',
      'https://www.nytimes.com/es/2017/02/11/programas-de-espionaje-fueron-usados-contrainvestigadores-de-un-impuesto-a-los-refrescos-en-mexico/',
    ]);
  });

  it('joins the sentence cut by the footnote and the one cut by the page end', () => {
    expect(pdf.text).toContain('la actuación de distintas dependencias del Ejecutivo Federal que buscaron disminuir');
    expect(pdf.text).toContain('la puesta en marcha de acciones necesarias para desarrollar');
  });

  it('makes no network request of any kind while reading the PDF', async () => {
    const spies = [
      vi.spyOn(globalThis, 'fetch'),
      vi.spyOn(http, 'request'),
      vi.spyOn(https, 'request'),
      vi.spyOn(net, 'connect'),
      vi.spyOn(net.Socket.prototype, 'connect'),
    ];
    try {
      const again = await importSources([PDF_LETTER]);
      expect(again.documents[0]?.html).toBe(pdf.html);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('reads the same body text as the Markdown conversion of the letter', () => {
    expect(body(pdf.text).replace(/\s+/g, ' ')).toBe(body(markdown.text).replace(/\s+/g, ' '));
    expect(pdf.words).toBe(markdown.words);
  });
});
