import type { DocumentRecord } from '../../src-main/common/types';
import type { ImportedDocument } from '../../src-main/core/import/model';

/**
 * Small documents written by a test itself: an article whose HTML is one paragraph of `text`,
 * with every other field empty or derived (words counted on spaces, source `<id>.md`).
 * `fields` overrides any of them (a title, a date, a type).
 */
export function documentRecordOf(id: string, text: string, fields: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id,
    type: 'article',
    title: `Nota ${id}`,
    date: null,
    place: null,
    authors: [],
    signatories: [],
    addressee: null,
    category: null,
    tags: [],
    description: null,
    words: text.split(' ').length,
    source: `${id}.md`,
    sha256: '0'.repeat(64),
    html: `<p>${text}</p>`,
    text,
    ...fields,
  };
}

/** The same as the importer hands it to the corpus writer: no images. */
export function importedDocumentOf(id: string, text: string, fields: Partial<DocumentRecord> = {}): ImportedDocument {
  return { ...documentRecordOf(id, text, fields), assetIds: [] };
}
