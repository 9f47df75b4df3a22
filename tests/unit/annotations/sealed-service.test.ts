import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openAnnotationService, type AnnotationService } from '../../../src-main/core/annotations/annotation-service';
import { ApiError } from '../../../src-main/common/errors';
import { buildSeedArchive, spanOf, type SeedArchive } from './seed-corpus';
import { withTestKdfIterations } from '../../support/test-kdf-hooks';

// Faster key derivations for the code paths under test; shipped-kdf.test.ts checks the real count.
withTestKdfIterations();

/**
 * Issue 17 through the one door both transports use: an export sealed with a passphrase is
 * imported back only with it, and the first-start question about encryption is asked once.
 */

const NOTE = 'Entrevista con la periodista: no citar';
const PASSPHRASE = 'sello de la exportación 7';
let seeds: SeedArchive;
let work: string;
const opened: AnnotationService[] = [];

async function serviceIn(name: string): Promise<AnnotationService> {
  const service = await openAnnotationService(path.join(work, name), seeds.archive);
  opened.push(service);
  return service;
}

async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sealed-service-'));
});
afterEach(() => {
  for (const service of opened.splice(0)) service.close();
  rmSync(work, { recursive: true, force: true });
});

it('a sealed export hides the note and imports back only with its passphrase', async () => {
  const source = await serviceIn('source');
  const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
  await source.call('createAnnotation', [
    { documentId: seeds.letter.id, start, end, note: NOTE, tags: ['entrevista'] },
  ]);
  const sealed = await source.call('exportAnnotations', ['jsonld', {}, undefined, PASSPHRASE]);
  expect(sealed.extension).toBe('archivo-cifrado.json');
  for (const secret of [NOTE, 'entrevista', seeds.letter.id]) expect(sealed.content).not.toContain(secret);

  const target = await serviceIn('target');
  const withoutPassphrase = await rejectionOf(target.call('importAnnotations', [sealed.content]));
  expect(withoutPassphrase.code).toBe('passphrase-needed');
  expect(withoutPassphrase.message).toMatch(/encrypted.*Nothing was imported/);
  const wrong = await rejectionOf(target.call('importAnnotations', [sealed.content, 'otra contraseña 8']));
  expect(wrong.code).toBe('wrong-passphrase');
  expect(await target.call('searchAnnotations', [{}])).toEqual([]);

  const summary = await target.call('importAnnotations', [sealed.content, PASSPHRASE]);
  expect(summary.added).toBe(1);
  const notes = await target.call('searchAnnotations', [{}]);
  expect(notes.map((annotation) => [annotation.documentId, annotation.note, annotation.tags])).toEqual([
    [seeds.letter.id, NOTE, ['entrevista']],
  ]);
});

it('a plain export still imports without a passphrase, and a given one is ignored', async () => {
  const source = await serviceIn('source');
  const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
  await source.call('createAnnotation', [{ documentId: seeds.letter.id, start, end, note: NOTE, tags: [] }]);
  const plain = await source.call('exportAnnotations', ['jsonld', {}]);
  expect(plain.content).toContain(NOTE);
  const target = await serviceIn('target');
  expect((await target.call('importAnnotations', [plain.content, PASSPHRASE])).added).toBe(1);
});

it('asks about encryption at first start until answered, and not again after a restart', async () => {
  const first = await serviceIn('notes');
  expect((await first.call('userDataStatus', [])).askAboutEncryption).toBe(true);
  await first.call('answerEncryptionQuestion', []);
  expect((await first.call('userDataStatus', [])).askAboutEncryption).toBe(false);
  first.close();
  opened.splice(opened.indexOf(first), 1);
  const again = await serviceIn('notes');
  expect((await again.call('userDataStatus', [])).askAboutEncryption).toBe(false);
});

it('turning encryption on answers the question; the locked notes are not asked about', async () => {
  const service = await serviceIn('notes');
  await service.call('setUserDataEncryption', [null, PASSPHRASE]);
  const status = await service.call('userDataStatus', []);
  expect([status.encrypted, status.askAboutEncryption]).toEqual([true, false]);
  await service.call('lockUserData', []);
  expect((await service.call('userDataStatus', [])).askAboutEncryption).toBe(false);
  await service.call('unlockUserData', [PASSPHRASE]);
  await service.call('setUserDataEncryption', [PASSPHRASE, null]);
  // Back to plain notes: the owner chose already, so the question does not come back.
  expect((await service.call('userDataStatus', [])).askAboutEncryption).toBe(false);
});
