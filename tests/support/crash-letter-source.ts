import type { DocumentSource } from '../../src-main/core/annotations/document-source';
import { documentRecordOf } from './fixtures-documents';

/**
 * For the crash tests' writer children (bundled with esbuild, so this file imports no test
 * runner and no build tool).
 */
/** A document source holding one letter with this id and text: what the writers annotate. */
export function singleLetterSource(documentId: string, text: string, sha256: string): DocumentSource {
  const letter = documentRecordOf(documentId, text, {
    sha256,
    type: 'letter',
    title: 'Carta',
    words: 0,
    source: 'x',
    html: '',
  });
  return { getDocument: (id) => (id === documentId ? letter : null) };
}
