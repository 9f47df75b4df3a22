import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openAnnotationService, type AnnotationService } from '../../../src-main/core/annotations/annotation-service';
import type { Annotation } from '../../../src-main/common/annotations';
import { buildSeedArchive, spanOf, type SeedArchive } from '../annotations/seed-corpus';
import { withTestKdfIterations } from '../../support/test-kdf-hooks';

// Faster key derivations for the code paths under test; shipped-kdf.test.ts checks the real count.
withTestKdfIterations();

/** Issue 17 through the service both transports use: lock, unlock, turn encryption on and off. */

const PASSPHRASE = 'tres palabras largas';
let seeds: SeedArchive;
let dir: string;
let service: AnnotationService | null = null;

beforeAll(async () => {
  seeds = await buildSeedArchive();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
});
afterEach(() => {
  service?.close();
  service = null;
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<AnnotationService> {
  service?.close();
  service = await openAnnotationService(dir, seeds.archive);
  return service;
}

async function noteOnLetter(notes: AnnotationService): Promise<Annotation> {
  const { start, end } = spanOf(seeds.letter.text, 'vigilancia digital ilegal');
  return notes.call('createAnnotation', [{ documentId: seeds.letter.id, start, end, note: 'secreto' }]);
}

it('locks encrypted notes: every call refused with code locked until the right passphrase', async () => {
  const notes = await open();
  const created = await noteOnLetter(notes);
  await expect(notes.call('lockUserData', [])).rejects.toMatchObject({ code: 'not-encrypted' });
  await expect(notes.call('setUserDataEncryption', [null, 'corta'])).rejects.toMatchObject({ code: 'weak-passphrase' });
  await notes.call('setUserDataEncryption', [null, PASSPHRASE]);
  expect(await notes.call('userDataStatus', [])).toMatchObject({ encrypted: true, locked: false });

  await notes.call('lockUserData', []);
  expect(await notes.call('userDataStatus', [])).toMatchObject({ encrypted: true, locked: true });
  await expect(notes.call('listAnnotations', [seeds.letter.id])).rejects.toMatchObject({
    code: 'locked',
    message: expect.stringContaining('locked') as string,
  });
  await expect(notes.call('unlockUserData', ['tres palabras'])).rejects.toMatchObject({
    code: 'wrong-passphrase',
    message: expect.stringContaining('Nothing was changed') as string,
  });
  await notes.call('unlockUserData', [PASSPHRASE]);
  expect((await notes.call('listAnnotations', [seeds.letter.id])).map((annotation) => annotation.id)).toEqual([
    created.id,
  ]);
});

it('a start on encrypted notes is locked; turning encryption off needs the passphrase', async () => {
  const first = await open();
  await noteOnLetter(first);
  await first.call('setUserDataEncryption', [null, PASSPHRASE]);

  const restarted = await open();
  expect(await restarted.call('userDataStatus', [])).toMatchObject({ encrypted: true, locked: true });
  await restarted.call('unlockUserData', [PASSPHRASE]);
  await expect(restarted.call('setUserDataEncryption', ['otra frase distinta', null])).rejects.toMatchObject({
    code: 'wrong-passphrase',
  });
  // The refused switch left the notes open.
  expect(await restarted.call('searchAnnotations', [{}])).toHaveLength(1);
  await restarted.call('setUserDataEncryption', [PASSPHRASE, null]);

  const plain = await open();
  expect(await plain.call('userDataStatus', [])).toMatchObject({ encrypted: false, locked: false });
  expect((await plain.call('searchAnnotations', [{}])).map((annotation) => annotation.note)).toEqual(['secreto']);
});
