import type { Archive } from '../../../src-main/core/store/archive';
import type { DocumentRecord, SearchRequest, SearchResponse } from '../../../src-main/common/types';
import { ApiError } from '../../../src-main/common/errors';

/** A tiny in-memory Archive for the server's routing tests (never shipped). */
export const FAKE_DOCUMENT: DocumentRecord = {
  id: '00000000000000aa',
  type: 'letter',
  title: 'Carta de prueba',
  date: '2017-05-23',
  place: 'Ciudad de México',
  authors: [],
  signatories: ['Artículo 19'],
  addressee: 'Secretariado',
  category: null,
  tags: [],
  description: null,
  words: 3,
  source: 'carta.md',
  sha256: 'f'.repeat(64),
  html: '<p>Texto de prueba</p>',
  text: 'Texto de prueba',
};
export const FAKE_ASSET_ID = 'a'.repeat(64);
export const FAKE_SCRIPT_ASSET_ID = 'b'.repeat(64);

export function createFakeArchive(): Archive & { searches: SearchRequest[] } {
  const searches: SearchRequest[] = [];
  return {
    searches,
    info: { name: 'Fake', version: '1', buildDate: '2026-01-01T00:00:00.000Z', schemaVersion: 1, documentCount: 1 },
    search(request: SearchRequest): SearchResponse {
      searches.push(request);
      if (request.query === 'explode') throw new ApiError('InvalidArgument', 'Invalid query: explode');
      if (request.query === 'crash') throw new Error('disk on fire /secret/path');
      const { html: _html, text: _text, source: _source, sha256: _sha, ...summary } = FAKE_DOCUMENT;
      return {
        total: 1,
        hits: [{ ...summary, score: 1, snippet: '<mark>Texto</mark> de prueba', matches: 1 }],
        facets: {
          type: [{ value: 'letter', count: 1 }],
          category: [],
          tag: [],
          author: [],
          year: [{ value: '2017', count: 1 }],
        },
        notice: null,
        terms: ['text'],
        phrases: [],
      };
    },
    getDocument: (id) => (id === FAKE_DOCUMENT.id ? FAKE_DOCUMENT : null),
    getAsset: (id) => {
      if (id === FAKE_ASSET_ID) return { mime: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };
      if (id === FAKE_SCRIPT_ASSET_ID) return { mime: 'text/html', bytes: Buffer.from('<script>alert(1)</script>') };
      return null;
    },
    close: () => undefined,
  };
}
