import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-main/common/annotations';
import { openAnnotationService, type AnnotationService } from '../../../src-main/core/annotations/annotation-service';
import { openLibrary, type Library, type PackInstallOptions } from '../../../src-main/core/packs/library';
import { ARTICLE_FILE, buildSeedsDatabase, listing, makeSeedsPack, tempDir } from './helpers';

const EARLY = 'dejarán de colaborar con el Gobierno federal';
const LATER = 'La vigilancia digital ilegal del gobierno fue dada a conocer en febrero pasado';
const INSERTED =
  'Nota de la redacción: esta versión añade la carta completa de las organizaciones al final del texto.\n\n';

/** The seed article with a paragraph inserted before its first one (everything after moves). */
function withNote(file: string, source: string): string {
  if (file !== ARTICLE_FILE) return source;
  const body = source.indexOf('Una decena de Organizaciones');
  if (body < 0) throw new Error('the seed article changed: its first paragraph was not found');
  return source.slice(0, body) + INSERTED + source.slice(body);
}

/** As `withNote`, and the sentence starting LATER taken out. */
function withNoteAndCut(file: string, source: string): string {
  const noted = withNote(file, source);
  if (file !== ARTICLE_FILE) return noted;
  if (!noted.includes(LATER)) throw new Error('the seed article changed: the later passage was not found');
  return noted.replace(/La vigilancia digital ilegal[^\n]*?\)[^.\n]*\./, '');
}

/**
 * Upgrading, downgrading and removing a pack never loses a note: annotations on the pack's
 * documents are re-anchored (moved), orphaned when their passage or document is gone, and
 * re-attached when it returns.
 */
describe('annotations across pack upgrades and removal', () => {
  let work: string;
  let library: Library;
  let service: AnnotationService;
  let v1: string;
  let v2: string;
  let v3: string;
  let articleId: string;
  let early: Annotation;
  let later: Annotation;
  let options: PackInstallOptions;

  beforeAll(async () => {
    work = tempDir('annotations');
    const bundled = await buildSeedsDatabase(work, { name: 'Archivo semilla' });
    v1 = await makeSeedsPack(work, 'semillas', { name: 'Semillas', version: '2026.1' });
    v2 = await makeSeedsPack(work, 'semillas', { name: 'Semillas', version: '2026.2', edit: withNote });
    v3 = await makeSeedsPack(work, 'semillas', { name: 'Semillas', version: '2026.10', edit: withNoteAndCut });
    library = openLibrary({ bundledDatabasePath: bundled, packsDir: path.join(work, 'packs') });
    service = await openAnnotationService(path.join(work, 'user'), library.archive);
    options = { allowUntrusted: true, reanchor: (id) => service.reanchorArchive(id) };
  });

  afterAll(() => {
    service.close();
    library.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function current(annotation: Annotation): Promise<Annotation> {
    const list = await service.call('listAnnotations', [annotation.documentId]);
    const found = list.find((item) => item.id === annotation.id);
    if (!found) throw new Error(`annotation ${annotation.id} is gone`);
    return found;
  }

  function textOf(id: string): string {
    const document = library.archive.getDocument(id);
    if (!document) throw new Error(`no document ${id}`);
    return document.text;
  }

  it('annotates a pack document by its qualified id', async () => {
    const outcome = await library.install(v1, options);
    expect(outcome).toMatchObject({ kind: 'installed', annotations: { unchanged: 0, moved: 0, orphaned: 0 } });
    const hit = library.archive.search({
      query: 'vigilancia digital',
      filters: { archive: ['semillas'], type: ['article'] },
    }).hits[0];
    articleId = hit?.id ?? '';
    expect(articleId).toMatch(/^semillas~[0-9a-f]{16}$/);
    const text = textOf(articleId);
    const at = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
    early = await service.call('createAnnotation', [
      { documentId: articleId, ...at(EARLY), note: 'la salida de las OSC' },
    ]);
    later = await service.call('createAnnotation', [{ documentId: articleId, ...at(LATER), note: 'fuente: NYT' }]);
    expect(early.target?.quote.exact).toBe(EARLY);
    expect(later.target?.quote.exact).toBe(LATER);
  });

  it('an upgrade with text inserted before the passages moves both annotations', async () => {
    const outcome = await library.install(v2, options);
    expect(outcome).toMatchObject({
      kind: 'upgraded',
      previousVersion: '2026.1',
      archive: { version: '2026.2' },
      annotations: { unchanged: 0, moved: 2, orphaned: 0 },
    });
    const text = textOf(articleId);
    expect(text).toContain('Nota de la redacción');
    const movedEarly = await current(early);
    expect(movedEarly.state).not.toBe('orphaned');
    expect(movedEarly.target?.position.start).toBe(text.indexOf(EARLY));
    expect(movedEarly.target?.position.start).toBeGreaterThan(early.target?.position.start ?? Infinity);
    expect(movedEarly.note).toBe('la salida de las OSC');
    expect((await current(later)).target?.position.start).toBe(text.indexOf(LATER));
  });

  it('an upgrade that removes a passage orphans its annotation and keeps it (2026.10 > 2026.2)', async () => {
    const outcome = await library.install(v3, options);
    expect(outcome).toMatchObject({
      kind: 'upgraded',
      previousVersion: '2026.2',
      annotations: { unchanged: 1, moved: 0, orphaned: 1 },
    });
    expect(textOf(articleId)).not.toContain(LATER);
    const orphan = await current(later);
    expect(orphan.state).toBe('orphaned');
    expect(orphan.note).toBe('fuente: NYT');
    expect(orphan.target?.quote.exact).toBe(LATER);
    expect((await current(early)).state).not.toBe('orphaned');
  });

  it('an older version asks for confirmation first, then downgrades and re-anchors the orphan', async () => {
    const installedBefore = listing(path.join(work, 'packs'));
    const asked = await library.install(v2, options);
    expect(asked).toMatchObject({
      kind: 'confirm-downgrade',
      installed: { id: 'semillas', version: '2026.10' },
      offered: { id: 'semillas', version: '2026.2' },
    });
    expect(listing(path.join(work, 'packs'))).toEqual(installedBefore);
    expect(library.list().find((archive) => archive.id === 'semillas')?.version).toBe('2026.10');

    const outcome = await library.install(v2, { ...options, allowDowngrade: true });
    expect(outcome).toMatchObject({
      kind: 'downgraded',
      previousVersion: '2026.10',
      archive: { version: '2026.2' },
      annotations: { orphaned: 0 },
    });
    const back = await current(later);
    expect(back.state).not.toBe('orphaned');
    expect(back.target?.position.start).toBe(textOf(articleId).indexOf(LATER));
  });

  it('removing the pack keeps its annotations as orphans; installing it again re-attaches them', async () => {
    const removed = await library.remove('semillas', options);
    expect(removed).toEqual({ unchanged: 0, moved: 0, orphaned: 2 });
    expect(library.archive.getDocument(articleId)).toBeNull();
    const orphans = await service.call('searchAnnotations', [{ state: 'orphaned' }]);
    expect(orphans.map((annotation) => annotation.id).sort()).toEqual([early.id, later.id].sort());
    expect(orphans.every((annotation) => annotation.documentId === articleId)).toBe(true);

    const again = await library.install(v2, options);
    expect(again).toMatchObject({
      kind: 'installed',
      previousVersion: null,
      annotations: { unchanged: 2, moved: 0, orphaned: 0 },
    });
    expect((await current(early)).state).not.toBe('orphaned');
    expect((await current(later)).state).not.toBe('orphaned');
    expect(await service.call('searchAnnotations', [{ state: 'orphaned' }])).toEqual([]);
  });

  it('annotations on the bundled corpus are not counted for a pack', async () => {
    const letter = library.archive.search({ query: '', filters: { type: ['letter'], archive: ['bundled'] } }).hits[0];
    await service.call('createAnnotation', [{ documentId: letter?.id ?? '', note: 'carta en el archivo incluido' }]);
    expect(service.reanchorArchive('semillas')).toEqual({ unchanged: 2, moved: 0, orphaned: 0 });
    expect(service.reanchorArchive('bundled')).toEqual({ unchanged: 1, moved: 0, orphaned: 0 });
  });
});
