import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { CslItem } from './csl-item';
import { CHICAGO_STYLE, MLA_STYLE } from './styles';

/**
 * Citations and bibliography files through Citation.js and its CSL processor (citeproc-js).
 * Everything it needs ships in the bundle: APA and the es-ES / en-US locales come with
 * @citation-js/plugin-csl, Chicago and MLA from styles.ts. Only CSL-JSON objects are ever
 * passed in, so Citation.js never resolves a URL, DOI or other identifier (its only way to the
 * network).
 */
export type CitationStyle = 'apa' | 'chicago' | 'mla';
export type CitationLanguage = 'es' | 'en';
export type CitationFileFormat = 'bibtex' | 'ris' | 'csl-json';

const TEMPLATE_NAMES: Record<CitationStyle, string> = {
  apa: 'apa',
  chicago: 'archivo-chicago',
  mla: 'archivo-mla',
};
const LOCALES: Record<CitationLanguage, string> = { es: 'es-ES', en: 'en-US' };

function registerStyles(): void {
  const templates = plugins.config.get('@csl').styles;
  if (!templates.has(TEMPLATE_NAMES.chicago)) templates.add(TEMPLATE_NAMES.chicago, CHICAGO_STYLE);
  if (!templates.has(TEMPLATE_NAMES.mla)) templates.add(TEMPLATE_NAMES.mla, MLA_STYLE);
}

/** One bibliography entry per item, as plain text (one line each), in the reader's language. */
export function formatCitation(items: readonly CslItem[], style: CitationStyle, language: CitationLanguage): string {
  registerStyles();
  const text = new Cite(items, { forceType: '@csl/list+object' }).format('bibliography', {
    format: 'text',
    template: TEMPLATE_NAMES[style],
    lang: LOCALES[language],
  });
  return text.trim();
}

export interface CitationFile {
  content: string;
  mime: string;
  /** Without the dot. */
  extension: string;
}

/** A bibliography file for reference managers (Zotero, JabRef, EndNote…). */
export function formatCitationFile(items: readonly CslItem[], format: CitationFileFormat): CitationFile {
  switch (format) {
    case 'csl-json':
      return {
        content: `${JSON.stringify(items, null, 2)}\n`,
        mime: 'application/vnd.citationstyles.csl+json',
        extension: 'json',
      };
    case 'bibtex':
      return {
        content: cite(items).format('bibtex', { format: 'text' }),
        mime: 'application/x-bibtex',
        extension: 'bib',
      };
    case 'ris':
      return {
        content: unwrapRis(cite(items).format('ris', { format: 'text' })),
        mime: 'application/x-research-info-systems',
        extension: 'ris',
      };
  }
}

function cite(items: readonly CslItem[]): Cite {
  return new Cite(items, { forceType: '@csl/list+object' });
}

const RIS_TAG_LINE = /^[A-Z][A-Z0-9] {2}-/;

/**
 * Citation.js cuts every RIS value after 70 characters, even inside a word ("Gobier" / "no");
 * reference managers read such a line back with a space or not at all. One value, one line.
 */
function unwrapRis(ris: string): string {
  const lines: string[] = [];
  for (const line of ris.split('\n')) {
    const previous = lines.pop();
    if (previous === undefined) lines.push(line);
    else if (line !== '' && !RIS_TAG_LINE.test(line)) lines.push(previous + line);
    else lines.push(previous, line);
  }
  return lines.join('\n').replace(/\n*$/, '\n');
}
