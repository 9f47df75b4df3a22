import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { documentIdFor } from '../../../src-main/core/import/identity';
import { importSources, type ImportOptions, type ImportProgress } from '../../../src-main/core/import/index';
import { RenderPool } from '../../../src-main/core/import/render-pool';
import type { SourceFile } from '../../../src-main/core/import/source-files';
import type { ImportResult } from '../../../src-main/core/import/model';
import { cliRenderWorker, ensureFreshBundles } from '../../support/bundles';
import { realCorpusBaseline } from '../../support/real-corpus-import';
import { CORPUS, GOBIERNOFACIL, serialiseImport, temporaryFolder } from './corpus';

/** The CLI bundle's worker (fresh from the global set-up): the first test starts the default one, from sources. */
const BUNDLED_WORKER = pathToFileURL(cliRenderWorker);
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

async function importWith(
  inputs: string[],
  options: ImportOptions,
): Promise<{ result: ImportResult; progress: ImportProgress[] }> {
  const progress: ImportProgress[] = [];
  const result = await importSources(inputs, { ...options, onProgress: (event) => progress.push(event) });
  return { result, progress };
}

describe('parallel import (render workers)', () => {
  it('gives byte-identical documents, images, warnings and progress to a sequential import of the real corpus', async () => {
    // The sequential import, shared with released-text.test.ts (made once, see real-corpus-import.ts).
    const sequential = await realCorpusBaseline();
    const parallel = await importWith([CORPUS], { threads: 2 });
    // The corpus really exercises what workers must reproduce: images shared between posts, links by id, warnings.
    expect(sequential.summary.documents).toBe(28);
    expect(sequential.summary.analyses).toBe(28);
    expect(sequential.summary.assets).toBeGreaterThan(10);
    expect(sequential.summary.documentsWithImages).toBeGreaterThan(10);
    expect(sequential.summary.pdfLetters).toBeGreaterThan(0);
    expect(sequential.summary.warnings).toBeGreaterThan(0);
    expect(serialiseImport(parallel.result)).toBe(sequential.serialised);
    expect(parallel.progress).toEqual(sequential.progress);
    expect(parallel.progress.map((event) => event.done)).toEqual(
      Array.from({ length: sequential.summary.documents }, (_, index) => index + 1),
    );
  }, 300_000);

  it('names a shared image by the first document in file order, reports warnings in file order, whatever thread finishes first', async () => {
    const { folder, remove } = temporaryFolder('parallel');
    cleanups.push(remove);
    const site = path.join(folder, 'sitio');
    mkdirSync(path.join(site, 'img'), { recursive: true });
    mkdirSync(path.join(site, 'otra'), { recursive: true });
    const image = path.join(GOBIERNOFACIL, 'assets/images/inefacil.png');
    copyFileSync(image, path.join(site, 'img/logo.png'));
    // The same bytes under a second name, and a link to the first: all one image, named once.
    copyFileSync(image, path.join(site, 'otra/copia.png'));
    symlinkSync(path.join(site, 'img/logo.png'), path.join(site, 'otra/enlace.png'));
    const names: string[] = [];
    for (let index = 0; index < 60; index += 1) {
      const name = `doc-${String(index).padStart(2, '0')}.md`;
      names.push(name);
      const picture = ['otra/copia.png', 'otra/enlace.png', 'img/logo.png'][index % 3];
      // Long and short documents alternate so that workers finish out of order.
      const filler = index % 2 === 0 ? 'Texto de relleno sobre gobierno abierto. '.repeat(800) : 'Breve.';
      writeFileSync(
        path.join(site, name),
        `# Documento ${index}\n\n![foto ${index}](${picture})\n\n[siguiente](doc-${String(index + 1).padStart(2, '0')}.md) y [roto](no-existe-${index}.md)\n\n${filler}\n`,
      );
    }
    const sequential = await importWith([site], { threads: 0 });
    const parallel = await importWith([site], { threads: 3, workerScript: BUNDLED_WORKER });
    expect(sequential.result.documents).toHaveLength(60);
    expect(sequential.result.assets.map((asset) => asset.source)).toEqual(['sitio/otra/copia.png']);
    expect(sequential.result.documents[1]?.html).toContain(`data-doc-id="${sequential.result.documents[2]?.id}"`);
    const brokenLinkFiles = sequential.result.warnings
      .filter((warning) => warning.message.includes('leads nowhere'))
      .map((warning) => warning.file);
    // Every document has its broken link; the last one's "next" document does not exist either.
    expect(brokenLinkFiles).toEqual([...names.map((name) => `sitio/${name}`), 'sitio/doc-59.md']);
    expect(serialiseImport(parallel.result)).toBe(serialiseImport(sequential.result));
    expect(parallel.progress).toEqual(sequential.progress);
  }, 300_000);

  it('recognises half the files in the worker (phase 1) with the same warnings, in the same order, config warnings once', async () => {
    const { folder, remove } = temporaryFolder('phase1');
    cleanups.push(remove);
    const site = path.join(folder, 'blog');
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    // A broken _config.yml: its warning must come once, where the first post under it asks for it.
    writeFileSync(path.join(site, '_config.yml'), 'title: "sin cerrar\nurl: [\n');
    const expectedProblems: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      const name = path.join(
        site,
        '_posts',
        `2017-05-${String((index % 28) + 1).padStart(2, '0')}-entrada-${index}.md`,
      );
      switch (index % 5) {
        case 0: // front matter YAML that does not parse: a warning with its line
          writeFileSync(name, `---\ntitle: "Entrada ${index}\ntags: [a, b\n---\nTexto ${index}.\n`);
          break;
        case 1: // invalid UTF-8 before the site lookup, then a post
          writeFileSync(
            name,
            Buffer.concat([
              Buffer.from(`---\ntitle: Entrada ${index}\n---\nAcci`),
              Buffer.from([0xf3]),
              Buffer.from('n.\n'),
            ]),
          );
          expectedProblems.push(`${index}:utf8`);
          break;
        case 2: // empty: skipped before the site lookup
          writeFileSync(name, '');
          break;
        case 3: // binary: skipped
          writeFileSync(name, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
          break;
        default:
          writeFileSync(
            name,
            `---\ntitle: Entrada ${index}\ncategory: Transparencia\n---\nTexto de la entrada ${index}.\n`,
          );
      }
    }
    const sequential = await importWith([site], { threads: 0 });
    const parallel = await importWith([site], { threads: 2, workerScript: BUNDLED_WORKER });
    const messages = sequential.result.warnings.map((warning) => `${warning.file}: ${warning.message}`);
    expect(messages.filter((message) => message.startsWith('blog/_config.yml'))).toHaveLength(1);
    // The first post asks for its site after reading its text and before its front matter.
    expect(messages[0]).toMatch(/^blog\/_config\.yml: /);
    expect(messages[1]).toMatch(/^blog\/_posts\/2017-05-01-entrada-0\.md: /);
    expect(messages.filter((message) => message.includes('not valid UTF-8'))).toHaveLength(expectedProblems.length);
    expect(messages.filter((message) => message.includes('empty file'))).toHaveLength(8);
    expect(messages.filter((message) => message.includes('binary file'))).toHaveLength(8);
    expect(sequential.result.documents).toHaveLength(24);
    expect(serialiseImport(parallel.result)).toBe(serialiseImport(sequential.result));
  }, 300_000);

  it('where two posts claim one permalink, links go to the later file, though documents render in id order', async () => {
    const { folder, remove } = temporaryFolder('permalink');
    cleanups.push(remove);
    const site = path.join(folder, 'blog');
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    writeFileSync(path.join(site, '_config.yml'), 'title: Blog\n');
    // Two names whose ids sort the other way round from the files, so id order would pick the wrong one.
    let pair: [string, string] | null = null;
    for (let day = 1; !pair && day < 28; day += 1) {
      const first = `2017-01-${String(day).padStart(2, '0')}-primera.md`;
      const second = `2017-01-${String(day + 1).padStart(2, '0')}-segunda.md`;
      if (documentIdFor(`blog/_posts/${first}`) > documentIdFor(`blog/_posts/${second}`)) pair = [first, second];
    }
    if (!pair) throw new Error('no pair of names with ids in the other order');
    for (const name of pair)
      writeFileSync(path.join(site, '_posts', name), `---\ntitle: ${name}\npermalink: /mismo/\n---\nTexto.\n`);
    writeFileSync(path.join(site, 'indice.md'), '# Índice\n\n[la entrada](/mismo/)\n');
    const sequential = await importWith([site], { threads: 0 });
    const parallel = await importWith([site], { threads: 2, workerScript: BUNDLED_WORKER });
    const index = sequential.result.documents.find((document) => document.source === 'blog/indice.md');
    expect(index?.html).toContain(`data-doc-id="${documentIdFor(`blog/_posts/${pair[1]}`)}"`);
    expect(serialiseImport(parallel.result)).toBe(serialiseImport(sequential.result));
  }, 300_000);

  it('runs from the bundled worker the command line ships (dist/cli/render-worker.mjs), PDF included', async () => {
    // The shipped worker, pdf.js and its worker module bundled in (pdf-text.ts hands pdf.js its
    // worker module: the bundle has no pdf.worker.mjs beside it). Its few documents all go to the
    // worker, which is sent its first jobs before this thread renders any.
    ensureFreshBundles();
    const inputs = [path.join(CORPUS, 'pdf'), path.join(CORPUS, 'seeds')];
    const sequential = await importWith(inputs, { threads: 0 });
    const bundled = await importWith(inputs, { threads: 2, workerScript: BUNDLED_WORKER });
    expect(sequential.result.documents.map((document) => [document.type, document.source])).toContainEqual([
      'letter',
      'pdf/carta-osc-aga-2017-05-23.pdf',
    ]);
    expect(serialiseImport(bundled.result)).toBe(serialiseImport(sequential.result));
  }, 300_000);

  it('renders in the main thread, with the same result, when the worker script cannot start', async () => {
    const { folder, remove } = temporaryFolder('noworker');
    cleanups.push(remove);
    const broken = path.join(folder, 'render-worker.cjs');
    writeFileSync(broken, 'throw new Error("this worker cannot start");\n');
    const inputs = [path.join(CORPUS, 'seeds')];
    const sequential = await importWith(inputs, { threads: 0 });
    const fallback = await importWith(inputs, { threads: 2, workerScript: pathToFileURL(broken) });
    const missing = await importWith(inputs, {
      threads: 2,
      workerScript: pathToFileURL(path.join(folder, 'absent.cjs')),
    });
    expect(sequential.result.documents).toHaveLength(2);
    expect(serialiseImport(fallback.result)).toBe(serialiseImport(sequential.result));
    expect(serialiseImport(missing.result)).toBe(serialiseImport(sequential.result));
  }, 300_000);

  it('does not wait for a worker that died before it was asked anything (a slow main thread)', async () => {
    const { folder, remove } = temporaryFolder('deadworker');
    cleanups.push(remove);
    const broken = path.join(folder, 'render-worker.cjs');
    writeFileSync(broken, 'throw new Error("this worker cannot start");\n');
    const pool = new RenderPool(1, pathToFileURL(broken), true);
    // The worker's start-up failure and exit are delivered before the first request (as when
    // this thread is slow to reach phase 1): an exit no listener was attached for yet.
    await expect.poll(() => pool.canRecognise(), { timeout: 30_000, interval: 100 }).toBe(false);
    await expect(pool.recogniseElsewhere(0, { source: 'x.md' } as SourceFile)).resolves.toBeNull();
    await pool.renderAll([], { entries: [] } as never, () => undefined);
  }, 60_000);
});
