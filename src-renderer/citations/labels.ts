import type { CitationFileFormat, CitationStyle } from './format-citations';
import type { CslItem } from './csl-item';

/** The same in every language: the styles' and formats' own names. */
export const STYLES: readonly CitationStyle[] = ['apa', 'chicago', 'mla'];
export const CITATION_STYLE_LABELS: Record<CitationStyle, string> = { apa: 'APA 7', chicago: 'Chicago', mla: 'MLA 9' };
export const FILE_FORMATS: readonly CitationFileFormat[] = ['bibtex', 'ris', 'csl-json'];
export const CITATION_FILE_LABELS: Record<CitationFileFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
};

/** A bibliography file of the items, named by `nameFor(extension)`; the CSL processor loads on demand. */
export async function writeCitationFile(
  items: readonly CslItem[],
  format: CitationFileFormat,
  nameFor: (extension: string) => string,
): Promise<{ content: string; mime: string; fileName: string }> {
  const { formatCitationFile } = await import('./format-citations');
  const file = formatCitationFile(items, format);
  return { content: file.content, mime: file.mime, fileName: nameFor(file.extension) };
}
