import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAnnotationService, type AnnotationService } from '../../../src-main/core/annotations/annotation-service';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { SEARCH_HISTORY_KEPT } from '../../../src-main/common/collections';
import { buildSeedArchive, clock, type SeedArchive } from './seed-corpus';

let seeds: SeedArchive;
let dir: string;
const open: Array<{ close(): void }> = [];

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'collections-test-'));
});
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openTracked(): Promise<UserData> {
  const handle = await openUserData(dir, { backup: false, now: clock() });
  open.push(handle);
  return handle;
}

async function serviceTracked(): Promise<AnnotationService> {
  const service = await openAnnotationService(dir, seeds.archive);
  open.push(service);
  return service;
}

describe('collections', () => {
  it('creates, lists by name, renames and deletes reading lists of real documents', async () => {
    const { collections } = await openTracked();
    const letters = collections.create('Cartas a la OGP', [seeds.letter.id]);
    const reading = collections.create('  Para leer  '.trim());
    expect(collections.list().map((collection) => collection.name)).toEqual(['Cartas a la OGP', 'Para leer']);
    expect(letters.documentIds).toEqual([seeds.letter.id]);

    const renamed = collections.rename(reading.id, 'Artículos');
    expect(renamed.name).toBe('Artículos');
    expect(collections.list().map((collection) => collection.name)).toEqual(['Artículos', 'Cartas a la OGP']);

    expect(collections.delete(letters.id)).toBe(true);
    expect(collections.delete(letters.id)).toBe(false);
    expect(collections.get(letters.id)).toBeNull();
    // The member rows go with the list (ON DELETE CASCADE), none left behind.
    const left = collections.db.prepare('SELECT count(*) AS n FROM collection_documents').get() as { n: number };
    expect(left.n).toBe(0);
  });

  it('adds and removes documents in the order added; adding twice keeps one', async () => {
    const { collections } = await openTracked();
    const list = collections.create('Lecturas');
    collections.setMembership(list.id, seeds.article.id, true);
    collections.setMembership(list.id, seeds.letter.id, true);
    const twice = collections.setMembership(list.id, seeds.article.id, true);
    expect(twice.documentIds).toEqual([seeds.article.id, seeds.letter.id]);
    const removed = collections.setMembership(list.id, seeds.article.id, false);
    expect(removed.documentIds).toEqual([seeds.letter.id]);
    expect(removed.modified > list.modified).toBe(true);
  });

  it('refuses a change to a collection that does not exist, naming its id', async () => {
    const { collections } = await openTracked();
    const id = '00000000-0000-4000-8000-000000000000';
    expect(() => collections.rename(id, 'x')).toThrow(`No collection has the id ${id}.`);
    expect(() => collections.setMembership(id, seeds.letter.id, true)).toThrow(/No collection has the id/);
  });
});

describe('saved searches', () => {
  it('keeps the query with its facets and sort as the search URL says them', async () => {
    const { collections } = await openTracked();
    const saved = collections.saveSearch({
      name: 'Cartas sobre espionaje',
      query: 'espionaje',
      params: 'q=espionaje&type=letter&sort=date',
    });
    expect(collections.listSavedSearches()).toEqual([saved]);
    expect(collections.deleteSavedSearch(saved.id)).toBe(true);
    expect(collections.listSavedSearches()).toEqual([]);
  });
});

describe('search history and reading positions', () => {
  it('records nothing until the user turns them on (both start off)', async () => {
    const { activity } = await openTracked();
    expect(activity.settings()).toEqual({ rememberReading: false, keepSearchHistory: false });
    expect(activity.recordSearch({ query: 'espionaje', params: 'q=espionaje' })).toBe(false);
    expect(
      activity.savePosition({ documentId: seeds.letter.id, title: seeds.letter.title, start: 10, quote: 'x' }),
    ).toBe(false);
    expect(activity.searchHistory()).toEqual([]);
    expect(activity.recentPositions(5)).toEqual([]);
  });

  it('keeps the newest searches first, one entry per search, at most the limit', async () => {
    const { activity } = await openTracked();
    activity.updateSettings({ keepSearchHistory: true });
    activity.recordSearch({ query: 'espionaje', params: 'q=espionaje' });
    activity.recordSearch({ query: 'pegasus', params: 'q=pegasus' });
    activity.recordSearch({ query: 'espionaje', params: 'q=espionaje' });
    expect(activity.searchHistory().map((entry) => entry.query)).toEqual(['espionaje', 'pegasus']);
    for (let n = 0; n < SEARCH_HISTORY_KEPT + 5; n += 1) activity.recordSearch({ query: `q${n}`, params: `q=q${n}` });
    const history = activity.searchHistory();
    expect(history).toHaveLength(SEARCH_HISTORY_KEPT);
    expect(history[0]?.query).toBe(`q${SEARCH_HISTORY_KEPT + 4}`);
    activity.clearSearchHistory();
    expect(activity.searchHistory()).toEqual([]);
  });

  it('remembers where a document was left, newest first, and forgets all when turned off', async () => {
    const { activity } = await openTracked();
    activity.updateSettings({ rememberReading: true, keepSearchHistory: true });
    const quote = seeds.letter.text.slice(200, 240);
    activity.savePosition({ documentId: seeds.letter.id, title: seeds.letter.title, start: 200, quote });
    activity.savePosition({ documentId: seeds.article.id, title: seeds.article.title, start: 0, quote: 'a' });
    activity.recordSearch({ query: 'espionaje', params: 'q=espionaje' });
    expect(activity.position(seeds.letter.id)).toMatchObject({ start: 200, quote, title: seeds.letter.title });
    expect(activity.recentPositions(5).map((position) => position.documentId)).toEqual([
      seeds.article.id,
      seeds.letter.id,
    ]);

    activity.updateSettings({ rememberReading: false });
    expect(activity.recentPositions(5)).toEqual([]);
    expect(activity.position(seeds.letter.id)).toBeNull();
    // The other setting and what it kept are untouched.
    expect(activity.searchHistory()).toHaveLength(1);
    activity.updateSettings({ keepSearchHistory: false });
    expect(activity.searchHistory()).toEqual([]);
  });
});

describe('through the annotation service', () => {
  it('validates arguments and names the field', async () => {
    const service = await serviceTracked();
    await expect(service.call('createCollection', ['   '])).rejects.toThrow(/Invalid name: a name is required/);
    await expect(service.call('setCollectionMembership', ['nope', seeds.letter.id, true])).rejects.toThrow(
      /Invalid id: expected an id/,
    );
    await expect(service.call('updateActivitySettings', [{ rememberReading: 'yes' }])).rejects.toThrow(
      /Invalid changes.rememberReading/,
    );
  });

  it('keeps collections across restarts and in a restored backup', async () => {
    const service = await serviceTracked();
    const created = await service.call('createCollection', ['Vigilancia', [seeds.letter.id]]);
    await service.call('updateActivitySettings', [{ rememberReading: true }]);
    await service.call('saveReadingPosition', [
      { documentId: seeds.letter.id, title: seeds.letter.title, start: 42, quote: seeds.letter.text.slice(42, 80) },
    ]);
    const [backup] = await service.call('listBackups', []);
    expect(backup).toBeDefined();
    // After the start-up backup: a list the backup does not hold.
    await service.call('createCollection', ['Después']);
    service.close();
    open.pop();

    const again = await serviceTracked();
    expect((await again.call('listCollections', [])).map((collection) => collection.name)).toEqual([
      'Después',
      'Vigilancia',
    ]);
    expect(await again.call('readingPosition', [seeds.letter.id])).toMatchObject({ start: 42 });
    expect((await again.call('recentReading', [])).map((position) => position.documentId)).toEqual([seeds.letter.id]);

    // The backup taken at this start holds both lists, the position and the setting.
    const newest = (await again.call('listBackups', []))[0];
    if (!newest) throw new Error('no backup at start');
    await again.call('createCollection', ['Tras la copia']);
    await again.call('restoreBackup', [newest.name]);
    const restored = await again.call('listCollections', []);
    expect(restored.map((collection) => collection.name)).toEqual(['Después', 'Vigilancia']);
    expect(restored.find((collection) => collection.id === created.id)?.documentIds).toEqual([seeds.letter.id]);
    expect(await again.call('activitySettings', [])).toEqual({ rememberReading: true, keepSearchHistory: false });
  });
});

describe('in the JSON-LD export and import', () => {
  it('carries collections and saved searches to another computer, merged without losing any', async () => {
    const service = await serviceTracked();
    await service.call('createAnnotation', [{ documentId: seeds.letter.id, start: 10, end: 30 }]);
    const list = await service.call('createCollection', ['Para citar', [seeds.letter.id, seeds.article.id]]);
    await service.call('saveSearch', [{ name: 'Cartas', query: 'gobierno', params: 'q=gobierno&type=letter' }]);
    const exported = await service.call('exportAnnotations', ['jsonld', {}]);
    const json = JSON.parse(exported.content) as Record<string, unknown>;
    expect(json.type).toBe('AnnotationCollection');
    expect(json['archivo:collections']).toEqual([
      expect.objectContaining({ id: list.id, name: 'Para citar', documentIds: [seeds.letter.id, seeds.article.id] }),
    ]);
    service.close();
    open.pop();

    // Another computer, which already has the same list with one document of its own.
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(path.join(os.tmpdir(), 'collections-import-'));
    const other = await serviceTracked();
    const summary = await other.call('importAnnotations', [exported.content]);
    expect(summary.added).toBe(1);
    const [imported] = await other.call('listCollections', []);
    expect(imported?.documentIds).toEqual([seeds.letter.id, seeds.article.id]);
    await other.call('setCollectionMembership', [list.id, seeds.letter.id, false]);
    await other.call('importAnnotations', [exported.content]);
    expect((await other.call('listCollections', []))[0]?.documentIds).toHaveLength(2);
    expect((await other.call('listSavedSearches', [])).map((search) => search.params)).toEqual([
      'q=gobierno&type=letter',
    ]);
  });

  it('refuses a malformed collection, naming it, and writes nothing', async () => {
    const service = await serviceTracked();
    const file = JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: { type: 'AnnotationPage', items: [] },
      'archivo:collections': [
        {
          id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
          name: '',
          created: '2026-01-01T00:00:00.000Z',
          modified: '2026-01-01T00:00:00.000Z',
          documentIds: [],
        },
      ],
    });
    await expect(service.call('importAnnotations', [file])).rejects.toThrow(/archivo:collections\[0\]\.name/);
    expect(await service.call('listCollections', [])).toEqual([]);
  });
});
