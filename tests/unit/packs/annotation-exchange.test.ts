import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-main/common/annotations';
import { openAnnotationService, type AnnotationService } from '../../../src-main/core/annotations/annotation-service';
import { documentIdFromSource } from '../../../src-main/core/annotations/exchange/iri';
import { buildCorpus } from '../../../src-main/core/build/build';
import { openLibrary, type Library } from '../../../src-main/core/packs/library';
import { writePack } from '../../../src-main/core/packs/index';
import { buildSeedsDatabase, GOBIERNOFACIL, tempDir } from './helpers';

/**
 * Notes on pack documents (`<packId>~<documentId>`) survive a JSON-LD export and an import into
 * a fresh user database over the same library; malformed qualified ids are refused by name.
 */
const POST = path.join(GOBIERNOFACIL, '_posts/2017-03-22-agua-en-mexico.md');
const PACK_QUOTE = 'Día Internacional del Agua';
const PACK_QUOTE_2 = 'Campeche, Coahuila, Hidalgo, Querétaro, Sinaloa, Tabasco y Zacatecas';
const LETTER_QUOTE = 'Secretariado Técnico Tripartita';

/** What must come back identical after the round trip. */
function essentials(annotation: Annotation) {
  return {
    id: annotation.id,
    documentId: annotation.documentId,
    state: annotation.state,
    note: annotation.note,
    tags: annotation.tags,
    colour: annotation.colour,
    motivation: annotation.motivation,
    target: annotation.target,
    created: annotation.created,
  };
}

describe('JSON-LD export and import of notes on pack documents', () => {
  let work: string;
  let library: Library;
  let first: AnnotationService;
  let second: AnnotationService;
  let packDocument: string;
  let letterDocument: string;
  let made: Annotation[];
  let exported: string;

  beforeAll(async () => {
    work = tempDir('exchange');
    const bundled = await buildSeedsDatabase(work, { name: 'Semillas' });
    const source = path.join(work, 'agua-source', '_posts');
    mkdirSync(source, { recursive: true });
    copyFileSync(POST, path.join(source, path.basename(POST)));
    const database = path.join(work, 'agua.sqlite');
    await buildCorpus({ inputs: [path.join(work, 'agua-source')], out: database, name: 'Agua', version: '2026.1' });
    const pack = path.join(work, 'agua.archive');
    await writePack({ databasePath: database, out: pack, id: 'agua-2017' });
    library = openLibrary({ bundledDatabasePath: bundled, packsDir: path.join(work, 'packs') });
    await library.install(pack, { allowUntrusted: true });

    packDocument = library.archive.search({ query: 'CONAGUA', filters: { archive: ['agua-2017'] } }).hits[0]?.id ?? '';
    letterDocument =
      library.archive.search({ query: LETTER_QUOTE, filters: { archive: ['bundled'], type: ['letter'] } }).hits[0]
        ?.id ?? '';
    expect(packDocument).toMatch(/^agua-2017~[0-9a-f]{16}$/);
    expect(letterDocument).toMatch(/^[0-9a-f]{16}$/);

    first = await openAnnotationService(path.join(work, 'user-a'), library.archive);
    const range = (id: string, quote: string) => {
      const text = library.archive.getDocument(id)?.text ?? '';
      const start = text.indexOf(quote);
      if (start < 0) throw new Error(`"${quote}" is not in ${id}`);
      return { start, end: start + quote.length };
    };
    made = [
      await first.call('createAnnotation', [
        {
          documentId: packDocument,
          ...range(packDocument, PACK_QUOTE),
          note: 'fecha ONU 1992',
          tags: ['agua', 'onu'],
          colour: 'blue',
        },
      ]),
      await first.call('createAnnotation', [
        { documentId: packDocument, ...range(packDocument, PACK_QUOTE_2), colour: 'green' },
      ]),
      await first.call('createAnnotation', [
        { documentId: letterDocument, ...range(letterDocument, LETTER_QUOTE), note: 'la instancia tripartita' },
      ]),
    ];
    exported = (await first.call('exportAnnotations', ['jsonld', {}])).content;
    second = await openAnnotationService(path.join(work, 'user-b'), library.archive);
  }, 120_000);

  afterAll(() => {
    first?.close();
    second?.close();
    library?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports pack documents by their qualified document IRI', () => {
    const sources = (
      JSON.parse(exported) as { first: { items: Array<{ target: { source: { id: string } } }> } }
    ).first.items
      .map((item) => item.target.source.id)
      .sort();
    expect(sources).toEqual(
      [
        `urn:archivo:doc:${packDocument}`,
        `urn:archivo:doc:${packDocument}`,
        `urn:archivo:doc:${letterDocument}`,
      ].sort(),
    );
  });

  it('imports them into a fresh user database: the same annotations, attached to the same passages', async () => {
    expect(await second.call('importAnnotations', [exported])).toEqual({
      added: 3,
      updated: 0,
      unchanged: 0,
      orphaned: 0,
    });
    const onPack = await second.call('listAnnotations', [packDocument]);
    expect(onPack.map(essentials).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      made
        .filter((note) => note.documentId === packDocument)
        .map(essentials)
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(onPack.find((note) => note.note === 'fecha ONU 1992')?.target?.quote.exact).toBe(PACK_QUOTE);
    expect((await second.call('listAnnotations', [letterDocument])).map(essentials)).toEqual([essentials(made[2]!)]);
    // Importing the same file again changes nothing.
    expect(await second.call('importAnnotations', [exported])).toEqual({
      added: 0,
      updated: 0,
      unchanged: 3,
      orphaned: 0,
    });
  });

  it('accepts only well-formed qualified ids, and names the source of one this library lacks', async () => {
    const hex = packDocument.split('~')[1]!;
    expect(documentIdFromSource(`urn:archivo:doc:agua-2017~${hex}`)).toBe(`agua-2017~${hex}`);
    expect(documentIdFromSource(`agua-2017~${hex}`)).toBe(`agua-2017~${hex}`);
    for (const bad of [
      `Agua~${hex}`,
      `bundled~${hex}`,
      `-agua~${hex}`,
      `agua--2017~${hex}`,
      `~${hex}`,
      `agua~${hex.toUpperCase()}`,
      `agua~x~${hex}`,
      `../agua~${hex}`,
      `${'a'.repeat(65)}~${hex}`,
      `agua~${hex}0`,
    ]) {
      expect(documentIdFromSource(`urn:archivo:doc:${bad}`), bad).toBeNull();
    }
    const foreign = exported.split(`urn:archivo:doc:${packDocument}`).join(`urn:archivo:doc:otro-paquete~${hex}`);
    await expect(second.call('importAnnotations', [foreign])).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: expect.stringContaining(`no document "otro-paquete~${hex}"`),
    });
    const malformed = exported.split(`urn:archivo:doc:${packDocument}`).join(`urn:archivo:doc:Agua~${hex}`);
    await expect(second.call('importAnnotations', [malformed])).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: expect.stringContaining('does not name a document'),
    });
  });
});
