import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { createI18n } from '../../../src-renderer/i18n';
import { describeError } from '../../../src-renderer/lib/errors';
import { formatRoute, parseRoute, toSearchFilters } from '../../../src-renderer/lib/route';
import { describeOutcome, describeRefusal } from '../../../src-renderer/lib/use-library';
import type { LibraryArchive, PackProblemCode } from '../../../src-main/common/library';

/** The library's words and routes in the renderer: archive filter, pack document ids, outcome and refusal sentences. */
const pack: LibraryArchive = {
  id: 'gobierno-facil',
  kind: 'pack',
  name: 'Gobierno Fácil',
  version: '2026.2',
  buildDate: '2026-11-28T20:00:00.000Z',
  schemaVersion: 2,
  documentCount: 25,
};
const CODES: PackProblemCode[] = [
  'not-a-pack',
  'truncated',
  'tampered',
  'bad-manifest',
  'newer-schema',
  'not-a-corpus',
  'already-installed',
];

async function translator(language: 'es' | 'en'): Promise<TFunction> {
  return (await createI18n(language)).t;
}

describe('routes with archives', () => {
  it('opens documents of packs by their library id and keeps the archive filter in the URL', () => {
    expect(parseRoute('#doc/gobierno-facil~3d21b2bec742277f?q=oaxaca')).toMatchObject({
      view: 'doc',
      id: 'gobierno-facil~3d21b2bec742277f',
    });
    // Not a pack id (uppercase, slash): the hash is not a document.
    expect(parseRoute('#doc/Gobierno~3d21b2bec742277f').view).toBe('search');
    expect(parseRoute('#doc/..%2F~3d21b2bec742277f').view).toBe('search');
    const route = parseRoute('#search?q=agua&archive=gobierno-facil&archive=bundled&type=article');
    expect(route.search.filters).toEqual({ type: ['article'], archive: ['gobierno-facil', 'bundled'] });
    expect(toSearchFilters(route.search.filters)).toEqual({
      type: ['article'],
      archive: ['gobierno-facil', 'bundled'],
    });
    expect(formatRoute(route)).toBe('#search?q=agua&type=article&archive=gobierno-facil&archive=bundled');
    expect(parseRoute('#archives')).toEqual({
      view: 'archives',
      search: { query: '', filters: {}, sort: 'relevance' },
    });
    expect(formatRoute({ view: 'archives', search: route.search })).toBe(
      '#archives?q=agua&type=article&archive=gobierno-facil&archive=bundled',
    );
  });
});

describe('library sentences', () => {
  it('says what an install did, in Spanish and English, with annotation counts for upgrades', async () => {
    const es = await translator('es');
    const en = await translator('en');
    const installed = {
      kind: 'installed' as const,
      archive: pack,
      previousVersion: null,
      annotations: { unchanged: 0, moved: 0, orphaned: 0 },
    };
    expect(describeOutcome(installed, es)).toBe('Se añadió «Gobierno Fácil» 2026.2: 25 documentos.');
    expect(describeOutcome({ ...installed, archive: { ...pack, documentCount: 1 } }, en)).toBe(
      '“Gobierno Fácil” 2026.2 was added: 1 document.',
    );
    const upgraded = {
      kind: 'upgraded' as const,
      archive: pack,
      previousVersion: '2026.1',
      annotations: { unchanged: 4, moved: 2, orphaned: 1 },
    };
    expect(describeOutcome(upgraded, es)).toBe(
      '«Gobierno Fácil» se actualizó de 2026.1 a 2026.2. Tus anotaciones: 4 sin cambios, 2 movidas, 1 por revisar.',
    );
    expect(describeOutcome(upgraded, en)).toBe(
      '“Gobierno Fácil” was updated from 2026.1 to 2026.2. Your annotations: 4 unchanged, 2 moved, 1 to review.',
    );
  });

  it('words every refusal by its code in both languages, never with the English log message', async () => {
    for (const language of ['es', 'en'] as const) {
      const t = await translator(language);
      const sentences = CODES.map((code) =>
        describeError({ name: 'PackRefused', message: `/tmp/x.archive: internal detail ${code}`, code }, t),
      );
      expect(new Set(sentences).size).toBe(CODES.length);
      for (const sentence of sentences) {
        expect(sentence).not.toContain('internal detail');
        expect(sentence).not.toContain('library.');
      }
    }
    const es = await translator('es');
    expect(describeError({ name: 'PackRefused', message: 'x', code: 'tampered' }, es)).toBe(
      'Este archivo no se añadió: su contenido no coincide con su sello: el archivo se dañó o se alteró después de crearse.',
    );
    expect(
      describeRefusal(
        { name: 'PackRefused', message: 'x', code: 'newer-schema' },
        'C:\\Users\\ana\\prensa.archive',
        await translator('en'),
      ),
    ).toBe('prensa.archive was not added: it was made by a newer version of this app. Update the app to open it.');
    // An unknown code still says it was refused, with the message.
    expect(describeError({ name: 'PackRefused', message: 'odd', code: 'something-new' }, es)).toBe(
      'Se rechazó este paquete de archivo: odd',
    );
  });
});
