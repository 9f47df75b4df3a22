import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openArchive, type Archive } from '../../../src-main/core/store/archive';
import type { ImportedDocument } from '../../../src-main/core/import/model';
import { searchArchives } from '../../../src-main/core/packs/merged-search';
import { writeCorpusDatabase } from '../../../src-main/core/store/corpus-writer';
import { importedDocumentOf } from '../../support/fixtures-documents';

/** Two small archives written for this test, three documents each about the same word. */
function documentOf(id: string, text: string): ImportedDocument {
  return importedDocumentOf(id, text);
}

let dir: string;
const archives: Archive[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'merged-snippets-'));
  for (const name of ['norte', 'sur']) {
    const file = path.join(dir, `${name}.sqlite`);
    writeCorpusDatabase(file, {
      documents: ['a', 'b', 'c'].map((id) =>
        documentOf(`${name}-${id}`, `En el ${name} la vigilancia ${id === 'a' ? 'y la vigilancia ' : ''}crece.`),
      ),
      assets: [],
      name,
      version: '1',
    });
    archives.push(openArchive(file));
  }
});

afterAll(() => {
  for (const archive of archives) archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a search over several archives', () => {
  it('snippets only the hits of the page it shows', () => {
    const spies = archives.map((archive) => vi.spyOn(archive, 'snippets'));
    const response = searchArchives(
      archives.map((archive, i) => ({ id: `archivo-${i}`, archive })),
      { query: 'vigilancia', limit: 2 },
    );
    expect(response.total).toBe(6);
    expect(response.hits).toHaveLength(2);
    for (const hit of response.hits) expect(hit.snippet).toContain('<mark>vigilancia</mark>');
    const asked = spies.flatMap((spy) => spy.mock.calls.map(([, ids]) => ids.length));
    // Two hits on the page: two snippets asked for in all, not offset + limit per archive.
    expect(asked.reduce((sum, count) => sum + count, 0)).toBe(2);
  });

  it('gives hits without snippets when asked to, for the merge to fill in', () => {
    const response = archives[0]?.search({ query: 'vigilancia', limit: 3 }, { snippets: false });
    expect(response?.hits.map((hit) => hit.snippet)).toEqual(['', '', '']);
  });

  it("keeps one archive's facet order and sorts the sums of several by count, then label", () => {
    const answer = archives[0]?.search({ query: 'vigilancia', limit: 3 });
    if (!answer) throw new Error('the first archive did not answer');
    // Facets as an archive's facet table gives them: most frequent first, ties in its label order.
    const tags = [
      { value: 'Zeta', count: 2 },
      { value: 'Ábaco', count: 2 },
    ];
    const withTags = { search: () => ({ ...answer, facets: { ...answer.facets, tag: tags } }) };
    const one = searchArchives([{ id: 'uno', archive: withTags }], { query: 'vigilancia' });
    expect(one.facets.tag).toEqual(tags);
    const two = searchArchives(
      [
        { id: 'uno', archive: withTags },
        { id: 'dos', archive: withTags },
      ],
      { query: 'vigilancia' },
    );
    expect(two.facets.tag).toEqual([
      { value: 'Ábaco', count: 4 },
      { value: 'Zeta', count: 4 },
    ]);
  });
});
