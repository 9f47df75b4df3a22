import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/common/errors';
import { LibraryUnavailableError, openLibrary, type Library } from '../../../src-main/core/packs/library';
import { PackError, writePack } from '../../../src-main/core/packs/index';
import { qualifyDocumentLinks, splitDocumentId } from '../../../src-main/core/packs/document-ids';
import { buildCorpus } from '../../../src-main/core/build/build';
import { CORPUS_SCHEMA_VERSION } from '../../../src-main/core/store/corpus-schema';
import { buildSeedsDatabase, GOBIERNOFACIL, listing, tempDir } from './helpers';

/**
 * The library on the real corpus: the two seeds bundled, the whole gobiernofacil site as a
 * pack (25 posts, one of them the seed article again).
 */
describe('library of archives', () => {
  let work: string;
  let bundled: string;
  let gfPack: string;
  let packsDir: string;
  let library: Library;

  beforeAll(async () => {
    work = tempDir('library');
    bundled = await buildSeedsDatabase(work, { name: 'Archivo semilla' });
    const gfDatabase = path.join(work, 'gf.sqlite');
    await buildCorpus({ inputs: [GOBIERNOFACIL], out: gfDatabase, name: 'Gobierno Fácil', version: '2026.1' });
    gfPack = path.join(work, 'gobierno-facil.archive');
    await writePack({ databasePath: gfDatabase, out: gfPack, id: 'gobierno-facil' });
    packsDir = path.join(work, 'packs');
    library = openLibrary({ bundledDatabasePath: bundled, packsDir });
  });

  afterAll(() => {
    library.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('asks before installing an unsigned pack when the installer pins no publisher', async () => {
    const asked = await library.install(gfPack);
    expect(asked).toMatchObject({
      kind: 'confirm-publisher',
      publisher: { signature: 'unsigned', fingerprint: null },
      offered: { id: 'gobierno-facil', version: '2026.1' },
    });
    expect(listing(packsDir)).toEqual([]);
    expect(library.list().map((archive) => archive.id)).toEqual(['bundled']);
  });

  it('installs a pack: files by id in the packs folder, listed after the bundled corpus', async () => {
    const merged = library.archive;
    const outcome = await library.install(gfPack, { allowUntrusted: true });
    expect(outcome).toMatchObject({
      kind: 'installed',
      previousVersion: null,
      archive: { id: 'gobierno-facil', kind: 'pack', name: 'Gobierno Fácil', version: '2026.1', documentCount: 25 },
    });
    expect(listing(packsDir)).toEqual(['gobierno-facil.json', 'gobierno-facil.sqlite']);
    expect(library.list().map((archive) => [archive.id, archive.documentCount])).toEqual([
      ['bundled', 2],
      ['gobierno-facil', 25],
    ]);
    // The same object before and after: the annotation service and transports hold it.
    expect(library.archive).toBe(merged);
    expect(library.archive.info.name).toBe('Archivo semilla');
  });

  it('searches every archive: pack hits carry qualified ids, facets count per archive', () => {
    const fotomultas = library.archive.search({ query: 'fotomultas' });
    expect(fotomultas.total).toBe(1);
    expect(fotomultas.hits[0]?.title).toBe('Actualización de herramienta sobre recaudación por fotomultas en Puebla');
    expect(fotomultas.hits[0]?.id).toMatch(/^gobierno-facil~[0-9a-f]{16}$/);
    expect(fotomultas.facets.archive).toEqual([{ value: 'gobierno-facil', count: 1 }]);

    // "espionaje": both seeds in the bundled corpus, the seed article again inside the site.
    const espionaje = library.archive.search({ query: 'espionaje' });
    expect(espionaje.total).toBe(3);
    expect(espionaje.facets.archive).toEqual([
      { value: 'bundled', count: 2 },
      { value: 'gobierno-facil', count: 1 },
    ]);
    expect(espionaje.hits.map((hit) => splitDocumentId(hit.id).archiveId).sort()).toEqual([
      'bundled',
      'bundled',
      'gobierno-facil',
    ]);
    // Facets are summed across archives: the seed article's category occurs in both.
    expect(espionaje.facets.category.find((facet) => facet.value === 'Transparencia')?.count).toBe(2);
    expect(espionaje.facets.type).toEqual([
      { value: 'article', count: 2 },
      { value: 'letter', count: 1 },
    ]);
  });

  it('filters.archive restricts the search to the chosen archives', () => {
    const onlyBundled = library.archive.search({ query: 'espionaje', filters: { archive: ['bundled'] } });
    expect(onlyBundled.total).toBe(2);
    expect(onlyBundled.hits.every((hit) => !hit.id.includes('~'))).toBe(true);
    const onlyPack = library.archive.search({ query: 'espionaje', filters: { archive: ['gobierno-facil'] } });
    expect(onlyPack.total).toBe(1);
    expect(onlyPack.hits[0]?.title).toBe(
      'Organizaciones de la Sociedad Civil salen de la Alianza para el Gobierno Abierto',
    );
    expect(library.archive.search({ query: 'espionaje', filters: { archive: ['no-such-pack'] } }).total).toBe(0);
  });

  it('archive facet counts follow the OR-within-a-facet rule: other archives keep their counts', () => {
    // One archive ticked: the hits are its own, but the facet still says what ticking the other adds.
    const onlyPack = library.archive.search({ query: 'espionaje', filters: { archive: ['gobierno-facil'] } });
    expect(onlyPack.total).toBe(1);
    expect(onlyPack.facets.archive).toEqual([
      { value: 'bundled', count: 2 },
      { value: 'gobierno-facil', count: 1 },
    ]);
    // The other facets still narrow those counts: of the bundled seeds only the article is an article.
    const articles = library.archive.search({
      query: 'espionaje',
      filters: { archive: ['gobierno-facil'], type: ['article'] },
    });
    expect(articles.total).toBe(1);
    expect(articles.facets.archive).toEqual([
      { value: 'gobierno-facil', count: 1 },
      { value: 'bundled', count: 1 },
    ]);
    // Letters: the pack has none, the bundled corpus one; an archive with no match is not listed.
    const letters = library.archive.search({
      query: 'espionaje',
      filters: { archive: ['gobierno-facil'], type: ['letter'] },
    });
    expect(letters.total).toBe(0);
    expect(letters.facets.archive).toEqual([{ value: 'bundled', count: 1 }]);
    // Both ticked: the same counts as none ticked.
    const both = library.archive.search({ query: 'espionaje', filters: { archive: ['bundled', 'gobierno-facil'] } });
    expect(both.facets.archive).toEqual(library.archive.search({ query: 'espionaje' }).facets.archive);
    expect(both.total).toBe(3);
  });

  it('the whole library is listed newest first across archives, undated last, and pages like one archive', () => {
    const all = library.archive.search({ query: '', limit: 100 });
    expect(all.total).toBe(27);
    const dates = all.hits.map((hit) => hit.date);
    const dated = dates.filter((date): date is string => date !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(dates.slice(dated.length).every((date) => date === null)).toBe(true);
    expect(all.hits[0]?.date).toBe('2018-04-03');
    // The bundled letter (2017-05-23) sits between the pack's 2017-05-24 and 2017-05-03 posts.
    const letterAt = all.hits.findIndex((hit) => hit.type === 'letter');
    expect(all.hits[letterAt - 1]?.date).toBe('2017-05-24');
    expect(all.hits[letterAt]?.id).not.toContain('~');
    const page = library.archive.search({ query: '', offset: 10, limit: 5 });
    expect(page.hits.map((hit) => hit.id)).toEqual(all.hits.slice(10, 15).map((hit) => hit.id));
    const byDate = library.archive.search({ query: 'gobierno', sort: 'date', limit: 50 });
    const gobiernoDates = byDate.hits.map((hit) => hit.date).filter((date): date is string => date !== null);
    expect(gobiernoDates).toEqual([...gobiernoDates].sort().reverse());
  });

  it('routes getDocument by id: qualified for a pack, plain for the bundled corpus', () => {
    const hit = library.archive.search({ query: 'fotomultas' }).hits[0];
    const document = library.archive.getDocument(hit?.id ?? '');
    expect(document?.id).toBe(hit?.id);
    expect(document?.date).toBe('2017-04-11');
    const { documentId } = splitDocumentId(hit?.id ?? '');
    // The plain id is not a bundled document.
    expect(library.archive.getDocument(documentId)).toBeNull();
    const letter = library.archive.search({ query: '', filters: { type: ['letter'], archive: ['bundled'] } }).hits[0];
    expect(library.archive.getDocument(letter?.id ?? '')?.place).toBe('Ciudad de México');
    expect(library.archive.getDocument('no-such-pack~0123456789abcdef')).toBeNull();
  });

  it('serves a pack image by its content id', () => {
    const documents = library.archive.search({ query: '', filters: { archive: ['gobierno-facil'] }, limit: 100 }).hits;
    const withImage = documents
      .map((hit) => library.archive.getDocument(hit.id))
      .find((document) => document?.html.includes('data-asset-id'));
    const assetId = /data-asset-id="([0-9a-f]{64})"/.exec(withImage?.html ?? '')?.[1];
    expect(assetId).toBeDefined();
    const asset = library.archive.getAsset(assetId ?? '');
    expect(asset?.mime).toMatch(/^image\//);
    expect(asset?.bytes.length).toBeGreaterThan(100);
  });

  it('qualifies in-archive links of a pack document', () => {
    const html =
      '<p>Ver <a data-doc-id="0123456789abcdef" href="#doc/0123456789abcdef">la carta</a> y <a class="external" href="https://example.org/#doc/x">fuera</a>.</p>';
    expect(qualifyDocumentLinks(html, 'gobierno-facil')).toBe(
      '<p>Ver <a data-doc-id="gobierno-facil~0123456789abcdef" href="#doc/gobierno-facil~0123456789abcdef">la carta</a> y <a class="external" href="https://example.org/#doc/x">fuera</a>.</p>',
    );
    expect(qualifyDocumentLinks(html, 'bundled')).toBe(html);
  });

  it('installing the same version again is refused as already-installed, nothing changed', async () => {
    const before = readFileSync(path.join(packsDir, 'gobierno-facil.sqlite'));
    await expect(library.install(gfPack, { allowUntrusted: true })).rejects.toMatchObject({
      code: 'already-installed',
    });
    await expect(library.install(gfPack, { allowUntrusted: true })).rejects.toBeInstanceOf(PackError);
    expect(readFileSync(path.join(packsDir, 'gobierno-facil.sqlite')).equals(before)).toBe(true);
    expect(listing(packsDir)).toEqual(['gobierno-facil.json', 'gobierno-facil.sqlite']);
  });

  it('reopens installed packs at the next start', () => {
    const again = openLibrary({ bundledDatabasePath: bundled, packsDir });
    try {
      expect(again.list().map((archive) => archive.id)).toEqual(['bundled', 'gobierno-facil']);
      expect(again.archive.search({ query: 'fotomultas' }).hits[0]?.id).toMatch(/^gobierno-facil~/);
      expect(again.problems).toEqual([]);
    } finally {
      again.close();
    }
  });

  it('a broken bundled corpus is a problem, not a failure, when a pack is usable', () => {
    // The bundled corpus as a newer app would have left it (schema above this app's).
    const broken = path.join(work, 'newer-bundled.sqlite');
    copyFileSync(bundled, broken);
    const db = new Database(broken);
    db.pragma(`user_version = ${CORPUS_SCHEMA_VERSION + 1}`);
    db.close();
    const degraded = openLibrary({ bundledDatabasePath: broken, packsDir });
    try {
      expect(degraded.problems).toHaveLength(1);
      expect(degraded.problems[0]?.path).toBe(broken);
      expect(degraded.problems[0]?.code).toBe('newer-schema');
      expect(degraded.list().map((archive) => archive.id)).toEqual(['gobierno-facil']);
      expect(degraded.archive.info.name).toBe('Gobierno Fácil');
      expect(degraded.archive.search({ query: 'fotomultas' }).total).toBe(1);
    } finally {
      degraded.close();
    }
  });

  it('throws only when nothing at all can be opened, with the problem attached', () => {
    const missing = path.join(work, 'missing.sqlite');
    const emptyPacks = path.join(work, 'no-packs');
    let thrown: unknown = null;
    try {
      openLibrary({ bundledDatabasePath: missing, packsDir: emptyPacks });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LibraryUnavailableError);
    expect((thrown as LibraryUnavailableError).problem).toMatchObject({ code: 'missing', path: missing });
  });

  it('a damaged installed pack is skipped and reported at the next start, the rest opens', () => {
    const damagedDir = path.join(work, 'damaged-packs');
    const again = openLibrary({ bundledDatabasePath: bundled, packsDir: damagedDir });
    again.close();
    writeFileSync(path.join(damagedDir, 'roto.sqlite'), Buffer.alloc(4096, 7));
    const reopened = openLibrary({ bundledDatabasePath: bundled, packsDir: damagedDir });
    try {
      expect(reopened.list().map((archive) => archive.id)).toEqual(['bundled']);
      expect(reopened.problems.map((problem) => path.basename(problem.path))).toEqual(['roto.sqlite']);
    } finally {
      reopened.close();
    }
  });

  it('removes a pack (files deleted) but never the bundled corpus', async () => {
    await expect(library.remove('bundled')).rejects.toBeInstanceOf(ApiError);
    await expect(library.remove('no-such-pack')).rejects.toMatchObject({ name: 'NotFound' });
    await library.remove('gobierno-facil');
    expect(listing(packsDir)).toEqual([]);
    expect(library.list().map((archive) => archive.id)).toEqual(['bundled']);
    expect(library.archive.search({ query: 'fotomultas' }).total).toBe(0);
    expect(library.archive.search({ query: 'espionaje' }).facets.archive).toEqual([{ value: 'bundled', count: 2 }]);
  });
});
