import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../src-main/common/types';
import { cacheDocuments } from '../../../src-renderer/api/document-cache';

/** Only the id matters here: the cache never looks inside a document. */
function fakeDocument(id: string): DocumentRecord {
  return { id } as Partial<DocumentRecord> as DocumentRecord;
}

describe('recent and prefetched documents', () => {
  it('answers the click after a prefetch without asking again, and asks again after a minute', async () => {
    let clock = 1_000; // lru-cache reads a start time of 0 as "no time kept"
    const asked: string[] = [];
    const cache = cacheDocuments(
      (id) => {
        asked.push(id);
        return Promise.resolve(fakeDocument(id));
      },
      () => clock,
    );
    cache.prefetch('0f9040b117297b5a');
    cache.prefetch('0f9040b117297b5a');
    expect(await cache.getDocument('0f9040b117297b5a')).toMatchObject({ id: '0f9040b117297b5a' });
    expect(asked).toEqual(['0f9040b117297b5a']);
    clock += 61_000;
    await cache.getDocument('0f9040b117297b5a');
    expect(asked).toEqual(['0f9040b117297b5a', '0f9040b117297b5a']);
  });

  it('forgets a failed answer, so the next open asks again', async () => {
    let fail = true;
    const cache = cacheDocuments((id) =>
      fail ? Promise.reject(new Error('The archive server cannot be reached.')) : Promise.resolve(fakeDocument(id)),
    );
    await expect(cache.getDocument('a1')).rejects.toThrow('cannot be reached');
    fail = false;
    expect(await cache.getDocument('a1')).toMatchObject({ id: 'a1' });
  });

  it('keeps at most 16 documents, the least recently used leaving first', async () => {
    const asked: string[] = [];
    const cache = cacheDocuments((id) => {
      asked.push(id);
      return Promise.resolve(fakeDocument(id));
    });
    for (let n = 0; n < 17; n++) await cache.getDocument(`d${n}`);
    await cache.getDocument('d16');
    expect(asked).toHaveLength(17);
    await cache.getDocument('d0');
    expect(asked).toHaveLength(18);
  });
});
