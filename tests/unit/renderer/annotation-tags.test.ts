import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-main/common/annotations';
import { tagsInUse } from '../../../src-renderer/lib/annotation-tags';

/** A document-level note carrying these tags (the other fields do not matter to the tag list). */
function noteTagged(id: string, tags: string[]): Annotation {
  return {
    id,
    created: '2026-12-06T17:00:00.000Z',
    modified: '2026-12-06T17:00:00.000Z',
    motivation: 'commenting',
    documentId: '3c4cb6e498c0c639',
    documentSha256: '0'.repeat(64),
    target: null,
    originalQuote: null,
    note: '',
    tags,
    colour: 'yellow',
    state: 'anchored',
    similarity: 1,
  };
}

describe('the tags in use', () => {
  it('lists each tag once, in collation order (accents and case do not send a tag to the end)', () => {
    const notes = [
      noteTagged('a', ['vigilancia', 'Pegasus']),
      noteTagged('b', ['árbol', 'Pegasus']),
      noteTagged('c', []),
    ];
    expect(tagsInUse(notes)).toEqual(['árbol', 'Pegasus', 'vigilancia']);
  });
});
