import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fidelityReport } from '../../../src-main/core/import/warning-kinds';
import { formatFidelityReport } from '../../../src-main/cli/fidelity-table';
import { corpusCli } from '../../support/serve-process';

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
});

describe('corpus build --report', () => {
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

  it('prints per file what was lost or approximated, with counts, and the totals', () => {
    const result = corpusCli(['build', site(), '--out', path.join(work, 'a.sqlite'), '--report']);
    expect(result.code).toBe(0);
    const report = result.stdout.slice(result.stdout.indexOf('Fidelity report'));
    expect(report).toMatch(/^Fidelity report: 3 files with losses or approximations\.$/m);
    expect(report).toMatch(/sitio\/_posts\/2021-03-01-perdidas\.md \(4\)\n(?: {4}.*\n){4}/);
    expect(report).toMatch(/ {4}images missing or refused +1\n/);
    expect(report).toMatch(/ {4}unpublished posts left out +1\n/);
    expect(report).toMatch(/ {4}front matter refused or partly read \(broken YAML\) +\d+\n/);
    expect(report).not.toContain('2021-03-04-bien.md');
  });

  it('puts the same report in --json, by code', () => {
    const result = corpusCli(['build', site(), '--out', path.join(work, 'b.sqlite'), '--json']);
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
