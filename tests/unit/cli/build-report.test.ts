import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusCli } from '../../support/serve-process';

/** `corpus build --report`, `--field` and `--exclude` on a small site written here (issue 21). */
const work = mkdtempSync(path.join(tmpdir(), 'corpus-report-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function write(relative: string, text: string): void {
  const file = path.join(work, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

write(
  'diario/_posts/2013/11/01/0044-festival.md',
  '---\ntitle: "Festival \u0093callejero\u0094"\ntwitt: Hubo callejoneada\nlocation: Local\n---\nTexto.\n\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n',
);
write('diario/_posts/sin-fecha.md', '---\ntitle: Sin fecha\nlocation: Nacional\n---\nTexto.\n');
write('diario/_posts/README.md', '# Léame\n\nNotas del editor.\n');

describe('corpus build --report', () => {
  it('prints the counts after the summary, with --field and --exclude applied', () => {
    const out = path.join(work, 'diario.sqlite');
    const result = corpusCli([
      'build',
      path.join(work, 'diario'),
      '--out',
      out,
      '--field',
      'twitt=description',
      '--exclude',
      '**/README*',
      '--report',
    ]);
    expect(result.code).toBe(0);
    const report = result.stdout.slice(result.stdout.indexOf('Import report:'));
    expect(report).toBe(
      [
        'Import report:',
        '  undated documents: 1 (e.g. diario/_posts/sin-fecha.md)',
        '  front-matter keys kept as extra metadata (map them with archivo.yml or --field key=field):',
        '    location: 2 documents',
        '  Windows-1252 characters repaired: 2 in 1 documents',
        '  embeds replaced by links: 1 in 1 documents',
        '  files excluded: 1 (e.g. diario/_posts/README.md)',
        '',
      ].join('\n'),
    );
  });

  it('--json carries the same counts; a bad --field is refused by name', () => {
    const json = corpusCli(['build', path.join(work, 'diario'), '--out', path.join(work, 'j.sqlite'), '--json']);
    const summary = JSON.parse(json.stdout) as {
      report: { unmappedFields: Array<{ key: string; documents: number }> };
    };
    expect(summary.report.unmappedFields).toEqual([
      { key: 'location', documents: 2 },
      { key: 'twitt', documents: 1 },
    ]);
    const bad = corpusCli([
      'build',
      path.join(work, 'diario'),
      '--out',
      path.join(work, 'b.sqlite'),
      '--field',
      'twitt',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--field "twitt": expected key=field');
  });
});
