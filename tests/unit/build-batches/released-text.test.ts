import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../../src-main/core/import/assets';
import { buildDocumentLinkTable, documentLinksFrom } from '../../../src-main/core/import/document-links';
import { importSources } from '../../../src-main/core/import/index';
import { readSourceSync, recogniseFile } from '../../../src-main/core/import/recognise';
import { releasedText, renderDocument, type RenderJob } from '../../../src-main/core/import/render-document';
import { cliRenderWorker, ensureFreshBundles } from '../../support/bundles';
import { realCorpusBaseline } from '../../support/real-corpus-import';
import { CORPUS, serialiseImport, temporaryFolder } from '../import/corpus';

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

describe('an import that lets texts go between recognising and rendering', () => {
  it('imports the real corpus exactly as when it keeps them, in this thread and with a worker', async () => {
    // The import that keeps every text, shared with parallel.test.ts (made once, see real-corpus-import.ts).
    const kept = await realCorpusBaseline();
    expect(kept.summary.documents).toBe(28);
    expect(serialiseImport(await importSources([CORPUS], { threads: 0, releaseTextFrom: 1 }))).toBe(kept.serialised);
    // The worker as the command line ships it (its PDF reading included): one plain Node start-up,
    // where the sources' worker compiles them again through tsx.
    ensureFreshBundles();
    const workerScript = pathToFileURL(cliRenderWorker);
    expect(serialiseImport(await importSources([CORPUS], { threads: 2, releaseTextFrom: 1, workerScript }))).toBe(
      kept.serialised,
    );
  }, 300_000);

  it('keeps only what links need and skips a file that changed before its turn, saying why', async () => {
    const { folder, remove } = temporaryFolder('released');
    cleanups.push(remove);
    const absolutePath = path.join(folder, '2024-05-01-nota.md');
    writeFileSync(
      absolutePath,
      '---\ntitle: Nota sobre la vigilancia\ncategory: Vigilancia digital\npermalink: /notas/vigilancia-digital/\n' +
        'tags: [Pegasus]\n---\nPrimer texto de la nota.\n',
    );
    const file = { absolutePath, source: 'nota.md', inputRoot: folder };
    const recognised = recogniseFile(
      file,
      readSourceSync(absolutePath),
      () => undefined,
      () => null,
    );
    if (recognised?.content.kind !== 'post') throw new Error('the note was not recognised as a post');
    const released = releasedText(recognised.content);
    expect(released.reread).toBe(true);
    // What links read stays (date, category, permalink); the rest is read again with the text.
    expect(released.content).toEqual({
      kind: 'post',
      text: '',
      frontMatter: { data: { permalink: '/notas/vigilancia-digital/' }, body: '', bodyStartLine: 7 },
      fields: {
        title: null,
        date: '2024-05-01',
        authors: [],
        category: 'Vigilancia digital',
        tags: [],
        description: null,
      },
    });
    const job: RenderJob = { ...recognised, ...released, file };
    const links = documentLinksFrom(buildDocumentLinkTable([job]));
    expect(links.byPermalink(folder, '/notas/vigilancia-digital/')).toBe(recognised.id);
    const rendered = await renderDocument(job, links, new AssetStore());
    expect(rendered.document?.text).toContain('Primer texto de la nota.');
    expect(rendered.document).toMatchObject({ title: 'Nota sobre la vigilancia', tags: ['Pegasus'] });
    writeFileSync(absolutePath, '---\ntitle: Nota\n---\nOtro texto.\n');
    const changed = await renderDocument(job, links, new AssetStore());
    expect(changed.document).toBeNull();
    expect(changed.warnings.map((warning) => warning.message)).toEqual([
      'could not be imported: the file changed while the import ran (it is read again to be rendered); skipped',
    ]);
  });
});
