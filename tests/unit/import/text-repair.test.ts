import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src-main/core/build/build';
import { repairC1Controls } from '../../../src-main/core/import/c1-repair';
import { importSources } from '../../../src-main/core/import/index';
import { temporaryFolder } from './corpus';

const temporary = temporaryFolder('c1');
afterAll(() => {
  temporary.remove();
});

describe('C1 control characters read as Windows-1252', () => {
  it('maps quotes, dashes, ellipses and apostrophes as browsers do', () => {
    const repaired = repairC1Controls('el MP dice: \u0093no hay delito\u0094 \u0096 y l\u0092otro\u0085 \u0080');
    expect(repaired.text).toBe('el MP dice: “no hay delito” – y l’otro… €');
    expect(repaired.repaired).toBe(6);
    expect(repaired.mappings).toEqual([
      'U+0080 → €',
      'U+0085 → …',
      'U+0092 → ’',
      'U+0093 → “',
      'U+0094 → ”',
      'U+0096 → –',
    ]);
  });

  it('removes the five numbers Windows-1252 leaves undefined', () => {
    expect(repairC1Controls('a\u0081b\u008dc\u008fd\u0090e\u009df').text).toBe('abcdef');
  });

  it('leaves text without C1 controls as it is (and Latin-1 letters alone)', () => {
    const text = 'Año, “comillas” y ¿qué? — ñ';
    expect(repairC1Controls(text)).toEqual({ text, repaired: 0, mappings: [] });
  });
});

describe('repair at import', () => {
  it('repairs titles, descriptions and text, with one counted warning per file', async () => {
    const root = path.join(temporary.folder, 'sitio');
    mkdirSync(path.join(root, '_posts'), { recursive: true });
    writeFileSync(
      path.join(root, '_posts', '2013-11-01-mp.md'),
      '---\ntitle: "El MP dice: \u0093no hay delito\u0094"\ndescription: Caso \u0096 Irapuato\n---\nEl MP dice: \u0093no hay delito que perseguir\u0094\u0085\n',
    );
    writeFileSync(path.join(root, 'limpio.md'), '# Limpio\n\nSin nada que reparar.\n');
    const imported = await importSources([root], { threads: 1 });
    const post = imported.documents.find((document) => document.source === 'sitio/_posts/2013-11-01-mp.md');
    expect(post?.title).toBe('El MP dice: “no hay delito”');
    expect(post?.description).toBe('Caso – Irapuato');
    expect(post?.text).toBe('El MP dice: “no hay delito que perseguir”…');
    expect(imported.warnings).toEqual([
      {
        file: 'sitio/_posts/2013-11-01-mp.md',
        message: '6 C1 control characters read as Windows-1252 (U+0085 → …, U+0093 → “, U+0094 → ”, U+0096 → –)',
        code: 'text-c1-repaired',
        count: 6,
      },
    ]);

    const summary = await buildCorpus({ inputs: [root], out: path.join(temporary.folder, 'c1.sqlite') });
    expect(summary.report.repairedCharacters).toEqual({ characters: 6, documents: 1 });
  });
});
