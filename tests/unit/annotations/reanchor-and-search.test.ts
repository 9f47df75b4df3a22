import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAnnotation,
  getAnnotation,
  moveAnnotation,
  updateAnnotation,
} from '../../../src-main/core/annotations/annotations';
import { reanchorAll } from '../../../src-main/core/annotations/reanchor';
import { searchAnnotations } from '../../../src-main/core/annotations/search';
import { openUserData, type UserData } from '../../../src-main/core/userdata/user-data';
import { buildSeedArchive, LETTER_FILE, spanOf, type SeedArchive } from './seed-corpus';

const PASSAGE = 'la vigilancia digital ilegal contra investigadores y defensores de la salud en México';
const ARTICLE_PASSAGE = 'denuncias de espionaje a por lo menos tres investigadores';

let original: SeedArchive;
let dir: string;
let userData: UserData;

beforeAll(async () => {
  original = await buildSeedArchive();
});
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reanchor-test-'));
  userData = await openUserData(dir, { backup: false });
});
afterEach(() => {
  userData.close();
  rmSync(dir, { recursive: true, force: true });
});

function annotate(archive: SeedArchive, which: 'letter' | 'article', quote: string, note = '', tags: string[] = []) {
  const document = archive[which];
  const { start, end } = spanOf(document.text, quote);
  return createAnnotation(userData, archive.archive, { documentId: document.id, start, end, note, tags });
}

describe('reanchorAll after the corpus was rebuilt', () => {
  it('unchanged corpus: nothing to check, every annotation stays anchored', async () => {
    const made = annotate(original, 'letter', PASSAGE);
    const rebuilt = await buildSeedArchive();
    expect(rebuilt.letter.id).toBe(original.letter.id);
    expect(reanchorAll(userData, rebuilt.archive)).toEqual({ checked: 0, anchored: 0, moved: 0, orphaned: 0 });
    expect(getAnnotation(userData, made.id)).toEqual(made);
  });

  it('edited letter: inserted paragraph -> moved; changed word -> moved with new words and original kept; removed passage -> orphaned but kept; all in one pass', async () => {
    const shifted = annotate(
      original,
      'letter',
      'Secretariado Técnico Tripartita tras más de cinco años',
      'cinco años',
    );
    const reworded = annotate(original, 'letter', PASSAGE, 'nota sobre la vigilancia');
    const removed = annotate(original, 'letter', 'fue publicada por el periódico The New York Times', 'NYT');
    const untouched = annotate(original, 'article', ARTICLE_PASSAGE);
    const edited = await buildSeedArchive((file, source) =>
      file !== LETTER_FILE
        ? source
        : source
            .replace(
              'Estimados/as participantes',
              'Párrafo nuevo añadido en esta versión de la carta.\n\nEstimados/as participantes',
            )
            .replace('vigilancia digital ilegal', 'vigilancia electrónica ilegal')
            .replace(', fue publicada por el periódico The New York Times', ''),
    );
    expect(edited.letter.sha256).not.toBe(original.letter.sha256);
    expect(edited.article.sha256).toBe(original.article.sha256);

    expect(reanchorAll(userData, edited.archive)).toEqual({ checked: 3, anchored: 0, moved: 2, orphaned: 1 });

    const movedOne = getAnnotation(userData, shifted.id)!;
    expect(movedOne.state).toBe('moved');
    expect(movedOne.target!.position.start).toBeGreaterThan(shifted.target!.position.start);
    expect(edited.letter.text.slice(movedOne.target!.position.start, movedOne.target!.position.end)).toBe(
      'Secretariado Técnico Tripartita tras más de cinco años',
    );
    expect(movedOne.originalQuote).toBeNull();
    expect(movedOne.documentSha256).toBe(edited.letter.sha256);

    const rewordedNow = getAnnotation(userData, reworded.id)!;
    expect(rewordedNow.state).toBe('moved');
    expect(rewordedNow.target!.quote.exact).toBe(PASSAGE.replace('digital', 'electrónica'));
    expect(rewordedNow.originalQuote).toBe(PASSAGE);
    expect(rewordedNow.similarity).toBeGreaterThan(0.75);
    expect(rewordedNow.note).toBe('nota sobre la vigilancia');

    const orphan = getAnnotation(userData, removed.id)!;
    expect(orphan).toMatchObject({ state: 'orphaned', note: 'NYT', similarity: 0 });
    expect(orphan.target!.quote.exact).toBe('fue publicada por el periódico The New York Times');

    expect(getAnnotation(userData, untouched.id)).toEqual(untouched);
    // Running it again changes nothing and checks only the orphan (its passage is still gone).
    expect(reanchorAll(userData, edited.archive)).toEqual({ checked: 1, anchored: 0, moved: 0, orphaned: 1 });
  });

  it('same source hash but different plain text (a newer importer): the annotation is still re-anchored', () => {
    const made = annotate(original, 'letter', PASSAGE);
    const reparsed = { ...original.letter, text: `Encabezado nuevo del importador\n\n${original.letter.text}` };
    const archive = {
      getDocument: (id: string) => (id === original.letter.id ? reparsed : original.archive.getDocument(id)),
    };
    expect(reanchorAll(userData, archive)).toEqual({ checked: 1, anchored: 0, moved: 1, orphaned: 0 });
    const moved = getAnnotation(userData, made.id)!;
    expect(reparsed.text.slice(moved.target!.position.start, moved.target!.position.end)).toBe(PASSAGE);
  });

  it('document removed from the corpus: its annotations are orphaned, kept, and come back when it returns', async () => {
    const onLetter = annotate(original, 'letter', PASSAGE, 'importante');
    const documentNote = createAnnotation(userData, original.archive, {
      documentId: original.letter.id,
      note: 'carta entera',
    });
    const withoutLetter = await buildSeedArchive(undefined, [LETTER_FILE]);
    expect(withoutLetter.letter).toBeNull();
    expect(reanchorAll(userData, withoutLetter.archive)).toEqual({ checked: 2, anchored: 0, moved: 0, orphaned: 2 });
    expect(getAnnotation(userData, onLetter.id)).toMatchObject({
      state: 'orphaned',
      note: 'importante',
      target: onLetter.target,
    });
    expect(getAnnotation(userData, documentNote.id)).toMatchObject({ state: 'orphaned', note: 'carta entera' });
    expect(reanchorAll(userData, original.archive)).toEqual({ checked: 2, anchored: 2, moved: 0, orphaned: 0 });
    expect(getAnnotation(userData, onLetter.id)).toEqual(onLetter);
  });
});

describe('moveAnnotation', () => {
  it('re-attaches an orphan by hand to a span of the current text, keeping the words first highlighted', async () => {
    const made = annotate(original, 'letter', 'fue publicada por el periódico The New York Times', 'NYT');
    const edited = await buildSeedArchive((file, source) =>
      file === LETTER_FILE
        ? source.replace(', fue publicada por el periódico The New York Times', ', apareció en un diario de Nueva York')
        : source,
    );
    reanchorAll(userData, edited.archive);
    expect(getAnnotation(userData, made.id)?.state).toBe('orphaned');
    const span = spanOf(edited.letter.text, 'apareció en un diario de Nueva York');
    const moved = moveAnnotation(userData, edited.archive, made.id, span, new Date('2030-01-01T00:00:00.000Z'));
    expect(moved).toMatchObject({
      state: 'anchored',
      note: 'NYT',
      originalQuote: 'fue publicada por el periódico The New York Times',
      documentSha256: edited.letter.sha256,
    });
    expect(getAnnotation(userData, made.id)).toEqual(moved);
    expect(() => moveAnnotation(userData, edited.archive, made.id, { start: 5, end: 2 })).toThrow(/non-empty range/);
  });
});

describe('searchAnnotations', () => {
  it('finds words in quotes, notes and tags accent-insensitively, newest first, with filters', () => {
    const times = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'].map(
      (t) => new Date(t),
    );
    const letterHit = createAnnotation(
      userData,
      original.archive,
      {
        ...spanOf(original.letter.text, PASSAGE),
        documentId: original.letter.id,
        note: 'Revisar la cronología',
        tags: ['Espionaje'],
        colour: 'green',
      },
      times[0],
    );
    const articleHit = createAnnotation(
      userData,
      original.archive,
      {
        ...spanOf(original.article.text, ARTICLE_PASSAGE),
        documentId: original.article.id,
        note: 'Cifras de la nota de prensa',
        tags: ['espionaje', 'año 2017'],
      },
      times[1],
    );
    const other = createAnnotation(
      userData,
      original.archive,
      { documentId: original.article.id, note: 'Un ano después' },
      times[2],
    );

    // "mexico" finds "México" in the letter quote; "vigilancia" in the quote; "cronologia" without accent in the note.
    expect(searchAnnotations(userData, { query: 'mexico' }).map((a) => a.id)).toEqual([letterHit.id]);
    expect(searchAnnotations(userData, { query: 'CRONOLOGÍA vigilancia' }).map((a) => a.id)).toEqual([letterHit.id]);
    // ñ is kept: "año" does not find "ano" and vice versa.
    expect(searchAnnotations(userData, { query: 'año' }).map((a) => a.id)).toEqual([articleHit.id]);
    expect(searchAnnotations(userData, { query: 'ano' }).map((a) => a.id)).toEqual([other.id]);
    // Newest first; tag filter is case/accent-insensitive.
    expect(searchAnnotations(userData, { tag: 'ESPIONAJE' }).map((a) => a.id)).toEqual([articleHit.id, letterHit.id]);
    expect(searchAnnotations(userData).map((a) => a.id)).toEqual([other.id, articleHit.id, letterHit.id]);
    expect(searchAnnotations(userData, { colour: 'green' }).map((a) => a.id)).toEqual([letterHit.id]);
    expect(
      searchAnnotations(userData, { documentId: original.article.id, query: 'investigadores' }).map((a) => a.id),
    ).toEqual([articleHit.id]);
    // An edit makes it the newest.
    updateAnnotation(
      userData,
      letterHit.id,
      { note: 'Revisar la cronología otra vez' },
      new Date('2026-02-01T00:00:00.000Z'),
    );
    expect(searchAnnotations(userData, { query: 'investigadores' }).map((a) => a.id)).toEqual([
      letterHit.id,
      articleHit.id,
    ]);
    expect(searchAnnotations(userData, { state: 'orphaned' })).toEqual([]);
  });

  it('matches partial words and treats SQL/LIKE characters literally', () => {
    createAnnotation(userData, original.archive, { documentId: original.letter.id, note: '100% seguro_ok' });
    expect(searchAnnotations(userData, { query: '100%' })).toHaveLength(1);
    expect(searchAnnotations(userData, { query: '_ok' })).toHaveLength(1);
    expect(searchAnnotations(userData, { query: "' OR 1=1 --" })).toEqual([]);
    expect(searchAnnotations(userData, { query: 'segu' })).toHaveLength(1);
  });
});
