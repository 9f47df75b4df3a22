import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src-main/core/store/archive';
import { buildCorpus } from '../../../src-main/core/build/build';
import { applyFieldMap, parseFieldAssignments } from '../../../src-main/core/import/field-mapping';
import { importSources } from '../../../src-main/core/import/index';
import type { PostFields } from '../../../src-main/core/import/jekyll-fields';
import { temporaryFolder } from './corpus';

const temporary = temporaryFolder('fields');
afterAll(() => {
  temporary.remove();
});

const NO_FIELDS: PostFields = { title: 'T', date: null, authors: [], category: null, tags: [], description: null };

function write(relative: string, text: string): void {
  const file = path.join(temporary.folder, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('front-matter keys -> fields', () => {
  it('applies the common names by default and keeps the rest as extra, in order', () => {
    const mapped = applyFieldMap(
      {
        title: 'T',
        layout: 'post',
        bajada: 'Una bajada',
        lugar: 'Irapuato',
        seccion: 'Local',
        twitt: 'Un resumen para redes',
        foto: ['a.jpg', 'b.jpg'],
        autor_foto: { nombre: 'Ana', agencia: 'AP' },
        vacio: '',
      },
      NO_FIELDS,
      {},
    );
    expect(mapped.description).toBe('Una bajada');
    expect(mapped.place).toBe('Irapuato');
    expect(mapped.category).toBe('Local');
    expect(mapped.extra).toEqual({
      twitt: 'Un resumen para redes',
      foto: 'a.jpg, b.jpg',
      autor_foto: 'nombre: Ana; agencia: AP',
    });
  });

  it("a mapping sends a site's keys anywhere; the post's own field wins over a mapped one", () => {
    const mapped = applyFieldMap(
      { twitt: 'Resumen', location: 'Nacional', etiquetas: ['minería', 'agua'], bajada: 'Otra' },
      { ...NO_FIELDS, description: 'Propia', tags: ['agua'] },
      { twitt: 'description', location: 'category', etiquetas: 'tags', bajada: 'ignore' },
    );
    expect(mapped.description).toBe('Propia');
    expect(mapped.category).toBe('Nacional');
    expect(mapped.tags).toEqual(['agua', 'minería']);
    expect(mapped.extra).toEqual({});
  });

  it('keeps no bidi controls in extra keys or values (they are shown in the header)', () => {
    expect(applyFieldMap({ 'nota\u202e': 'Factura \u202Efdp.exe' }, NO_FIELDS, {}).extra).toEqual({
      nota: 'Factura fdp.exe',
    });
  });

  it('reads --field assignments and refuses unknown fields by name', () => {
    expect(parseFieldAssignments(['twitt=description', ' location = Place '])).toEqual({
      twitt: 'description',
      location: 'place',
    });
    expect(() => parseFieldAssignments(['twitt'])).toThrow('--field "twitt": expected key=field');
    expect(() => parseFieldAssignments(['twitt=resumen'])).toThrow('"resumen" is not one of title, description');
  });
});

describe('archivo.yml, build options, storage, search and the report', () => {
  const site = path.join(temporary.folder, 'diario');
  write(
    'diario/archivo.yml',
    'fields:\n  twitt: description\n  location: place\n  foto: ignore\n  malo: resumen\nexclude:\n  - borradores/**\n',
  );
  write(
    'diario/_posts/2013-11-01-festival.md',
    '---\ntitle: Festival\nlocation: Local\ntwitt: Callejoneada por el centro\nfoto: x.jpg\nfotografo: Ana Pérez Zacatecas\n---\nHubo festival.\n',
  );
  write(
    'diario/_posts/2013-11-02-mina.md',
    '---\ntitle: Mina\nlocation: Nacional\nfotografo: Luis\nvolanta: Minería\n---\nSobre la mina.\n',
  );
  write('diario/borradores/nota.md', '# Borrador\n\nNo va.\n');

  it('maps keys from archivo.yml (warning about a bad entry), and leaves out its excluded files', async () => {
    const imported = await importSources([site], { threads: 1 });
    const festival = imported.documents.find((document) => document.title === 'Festival');
    expect(festival?.description).toBe('Callejoneada por el centro');
    expect(festival?.place).toBe('Local');
    expect(festival?.extra).toEqual({ fotografo: 'Ana Pérez Zacatecas' });
    expect(imported.documents.map((document) => document.source)).toEqual([
      'diario/_posts/2013-11-01-festival.md',
      'diario/_posts/2013-11-02-mina.md',
    ]);
    expect(imported.warnings).toContainEqual({
      file: 'diario/archivo.yml',
      message:
        'fields: "malo: resumen" names no field (title, description, place, category, tags, authors, extra, ignore); ignored',
    });
    expect(imported.warnings).toContainEqual({
      file: 'diario/borradores/nota.md',
      message: 'left out: matches an exclude glob',
      code: 'excluded',
    });
  });

  it('build options override the file; extra fields are stored, searchable and counted', async () => {
    const out = path.join(temporary.folder, 'diario.sqlite');
    const summary = await buildCorpus({ inputs: [site], out, fields: { location: 'category' } });
    expect(summary.report.unmappedFields).toEqual([
      { key: 'fotografo', documents: 2 },
      { key: 'volanta', documents: 1 },
    ]);
    expect(summary.report.excludedFiles).toEqual({ files: 1, examples: ['diario/borradores/nota.md'] });
    const archive = openArchive(out);
    try {
      const hits = archive.search({ query: 'zacatecas', limit: 10 }).hits;
      expect(hits.map((hit) => hit.title)).toEqual(['Festival']);
      const festival = archive.getDocument(hits[0]?.id ?? '');
      expect(festival?.category).toBe('Local');
      expect(festival?.place).toBeNull();
      expect(festival?.extra).toEqual({ fotografo: 'Ana Pérez Zacatecas' });
      const mina = archive.search({ query: 'volanta', limit: 10 }).hits;
      expect(mina).toEqual([]);
      expect(archive.search({ query: 'mineria', limit: 10 }).hits.map((hit) => hit.title)).toEqual(['Mina']);
    } finally {
      archive.close();
    }
  });
});
