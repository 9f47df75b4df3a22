import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildCorpus } from '../../../src-main/core/build/build';
import { makeTempFolder } from '../../support/temp-folders';
import { SEED_FOLDER } from '../annotations/seed-corpus';

it('says when the import is done and the index is being written, once, after the last document', async () => {
  const folder = makeTempFolder('build-phases-');
  const events: string[] = [];
  const summary = await buildCorpus({
    inputs: [SEED_FOLDER],
    out: path.join(folder, 'semilla.sqlite'),
    onProgress: (progress) => events.push(`document ${String(progress.done)}/${String(progress.total)}`),
    onWriting: () => events.push('writing'),
  });
  expect(summary.documents).toBe(2);
  expect(events).toEqual(['document 1/2', 'document 2/2', 'writing']);
});

it('never says it writes when nothing could be imported (no database is written)', async () => {
  const folder = makeTempFolder('build-phases-');
  const empty = path.join(folder, 'vacio');
  mkdirSync(empty);
  writeFileSync(path.join(empty, 'blanco.txt'), '');
  let writing = 0;
  const summary = await buildCorpus({
    inputs: [empty],
    out: path.join(folder, 'nada.sqlite'),
    onWriting: () => (writing += 1),
  });
  expect(summary.documents).toBe(0);
  expect(writing).toBe(0);
});
