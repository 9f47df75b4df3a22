import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFidelityReport } from '../../../src-main/cli/build-report-printer';
import { fidelityReport } from '../../../src-main/core/import/warning-kinds';
import { corpusInProcess } from '../../support/corpus-in-process';

/**
 * `corpus build --report` prints one report: the losses file by file (issue 15, warning-kinds.ts),
 * then the librarian's counts (issue 21); `--json` carries both under `report`.
 */

describe('fidelity report', () => {
  it('counts warnings per file and kind, in the order of the kinds, unknown ones as other', () => {
    const report = fidelityReport([
      { file: 'b.md', code: 'image-missing' },
      { file: 'a.md', code: 'link-dead' },
      { file: 'b.md', code: 'link-dead' },
      { file: 'b.md' },
      { file: 'b.md', code: 'image-missing' },
    ]);
    expect(report).toEqual({
      files: [
        { file: 'b.md', total: 4, counts: { 'link-dead': 1, 'image-missing': 2, other: 1 } },
        { file: 'a.md', total: 1, counts: { 'link-dead': 1 } },
      ],
      totals: { 'link-dead': 2, 'image-missing': 2, other: 1 },
    });
    expect(formatFidelityReport(report)).toContain('  b.md (4)\n    links kept as text');
  });

  it('counts a warning that stands for several occurrences as that many', () => {
    const report = fidelityReport([
      { file: 'a.md', code: 'text-c1-repaired', count: 6 },
      { file: 'a.md', code: 'embed-replaced', count: 1 },
      { file: 'b.md', code: 'excluded' },
    ]);
    expect(report.files[0]).toEqual({ file: 'a.md', total: 7, counts: { 'embed-replaced': 1, 'text-c1-repaired': 6 } });
    expect(report.totals).toEqual({ 'embed-replaced': 1, 'text-c1-repaired': 6, excluded: 1 });
  });
});

describe('corpus build --report: what each file lost (issue 15)', () => {
  let work: string;
  const site = (): string => path.join(work, 'sitio');

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'corpus-report-'));
    mkdirSync(path.join(site(), '_posts'), { recursive: true });
    writeFileSync(
      path.join(site(), '_posts/2021-03-01-perdidas.md'),
      '---\ntitle: Pérdidas\n---\n![Mapa](/no-esta.png)\n\n[roto](/nada) y <script>x()</script> y {% youtube abc %}\n',
    );
    writeFileSync(
      path.join(site(), '_posts/2021-03-02-borrador.md'),
      '---\ntitle: Borrador\npublished: false\n---\nNo.\n',
    );
    writeFileSync(path.join(site(), '_posts/2021-03-03-roto.md'), '---\ntitle: [sin cerrar\n---\nTexto.\n');
    writeFileSync(path.join(site(), '_posts/2021-03-04-bien.md'), '---\ntitle: Bien\n---\nTodo en orden.\n');
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('prints per file what was lost or approximated, with counts, and the totals', async () => {
    const result = await corpusInProcess(['build', site(), '--out', path.join(work, 'a.sqlite'), '--report']);
    expect(result.code).toBe(0);
    const report = result.stdout.slice(result.stdout.indexOf('Fidelity report'));
    expect(report).toMatch(/^Fidelity report: 3 files with losses or approximations\.$/m);
    expect(report).toMatch(/sitio\/_posts\/2021-03-01-perdidas\.md \(4\)\n(?: {4}.*\n){4}/);
    expect(report).toMatch(/ {4}images missing or refused +1\n/);
    expect(report).toMatch(/ {4}unpublished posts left out +1\n/);
    expect(report).toMatch(/ {4}front matter refused or partly read \(broken YAML\) +\d+\n/);
    expect(report).not.toContain('2021-03-04-bien.md');
  });

  it('puts the same report in --json, by code', async () => {
    const result = await corpusInProcess(['build', site(), '--out', path.join(work, 'b.sqlite'), '--json']);
    const summary = JSON.parse(result.stdout) as { report: ReturnType<typeof fidelityReport> };
    const losses = summary.report.files.find((file) => file.file.endsWith('2021-03-01-perdidas.md'));
    expect(losses?.counts).toEqual({
      'html-removed': 1,
      'link-dead': 1,
      'image-missing': 1,
      'plugin-tag-trace': 1,
    });
    expect(summary.report.totals['unpublished-skipped']).toBe(1);
  });
});

/** `corpus build --report`, `--field` and `--exclude` on a small site written here (issue 21). */
const work = mkdtempSync(path.join(tmpdir(), 'corpus-report-librarian-'));
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

describe("corpus build --report: the librarian's counts (issue 21)", () => {
  it('prints the counts after the summary, with --field and --exclude applied', async () => {
    const out = path.join(work, 'diario.sqlite');
    const result = await corpusInProcess([
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
        '  documents that repeat another file: 0',
        '',
      ].join('\n'),
    );
    // The same losses in the per-file table above the counts: one report, one list of kinds.
    const table = result.stdout.slice(
      result.stdout.indexOf('Fidelity report'),
      result.stdout.indexOf('Import report:'),
    );
    expect(table).toMatch(/ {4}C1 control characters read as Windows-1252 +2\n/);
    expect(table).toMatch(/ {4}embeds replaced by links \(never loaded\) +1\n/);
    expect(table).toMatch(/ {4}files left out \(exclude globs, repeated READMEs\) +1\n/);
  });

  it('--json carries the same counts; a bad --field is refused by name', async () => {
    const json = await corpusInProcess([
      'build',
      path.join(work, 'diario'),
      '--out',
      path.join(work, 'j.sqlite'),
      '--json',
    ]);
    const summary = JSON.parse(json.stdout) as {
      report: { unmappedFields: Array<{ key: string; documents: number }> };
    };
    expect(summary.report.unmappedFields).toEqual([
      { key: 'location', documents: 2 },
      { key: 'twitt', documents: 1 },
    ]);
    const bad = await corpusInProcess([
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
