import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src-main/common/api';
import type { Annotation } from '../../../src-main/common/annotations';
import { openAnnotationService } from '../../../src-main/core/annotation-service';
import { openArchive } from '../../../src-main/core/archive';
import { buildCorpus } from '../../../src-main/core/build';
import { writePack } from '../../../src-main/core/packs/index';
import { createHttpArchiveApi, serverManagesPacks } from '../../../src-renderer/api/http-client';

/**
 * `npm run serve` (the real CLI, spawned) on a corpus cut short with no pack installed: the page
 * gets the start-up error, yet the owner's loopback session can upload a pack (built from a real
 * gobiernofacil post); the status then turns ready naming the broken corpus, the pack is
 * searched, and the notes open. Until then user.sqlite is byte for byte as it was.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const POST = path.resolve(repoRoot, '../shared/corpus/gobiernofacil/_posts/2017-04-11-fotomultas-en-puebla.md');
const QUOTE = 'Secretariado Técnico Tripartita';

let work: string;
let truncated: string;
let userDir: string;
let notesBefore: Buffer;
let note: Annotation;
let packBytes: Buffer;
let child: ChildProcess;
let output = '';
let url: string;
let api: ArchiveApi;

function startServe(args: string[]): Promise<string> {
  child = spawn(tsx, ['src-main/serve/main.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

const owner = { 'X-Archive-Client': '1', 'Content-Type': 'application/json' };

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'serve-empty-library-'));
  const seeds = path.join(work, 'seeds.sqlite');
  await buildCorpus({ inputs: [path.join(repoRoot, 'resources/corpus')], out: seeds, name: 'Semillas' });
  // A note on the seed letter while the corpus was whole.
  userDir = path.join(work, 'user');
  const whole = openArchive(seeds);
  const letter = whole.search({ query: QUOTE, filters: { type: ['letter'] } }).hits[0];
  if (!letter) throw new Error('the seed letter was not found');
  const text = whole.getDocument(letter.id)?.text ?? '';
  const service = await openAnnotationService(userDir, whole);
  note = await service.call('createAnnotation', [{ documentId: letter.id, start: text.indexOf(QUOTE), end: text.indexOf(QUOTE) + QUOTE.length, note: 'la instancia' }]);
  service.close();
  whole.close();
  for (const name of readdirSync(userDir)) if (name !== 'user.sqlite') rmSync(path.join(userDir, name), { recursive: true, force: true });
  notesBefore = readFileSync(path.join(userDir, 'user.sqlite'));
  truncated = path.join(work, 'corpus.sqlite');
  writeFileSync(truncated, readFileSync(seeds).subarray(0, 8192));

  const source = path.join(work, 'pack-source', '_posts');
  mkdirSync(source, { recursive: true });
  copyFileSync(POST, path.join(source, path.basename(POST)));
  const packDatabase = path.join(work, 'puebla.sqlite');
  await buildCorpus({ inputs: [path.join(work, 'pack-source')], out: packDatabase, name: 'Fotomultas', version: '2026.2' });
  const packFile = path.join(work, 'puebla.archive');
  await writePack({ databasePath: packDatabase, out: packFile, id: 'puebla' });
  packBytes = readFileSync(packFile);

  const staticDir = path.join(work, 'ui');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
  url = await startServe(['--db', truncated, '--port', '0', '--no-build', '--static', staticDir, '--user-data', userDir]);
  api = createHttpArchiveApi(url, { packs: await serverManagesPacks(url) });
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

describe('browser mode with nothing openable (corpus truncated, no pack)', () => {
  it('shows the start-up error yet manages packs; reading and notes refused; user.sqlite untouched', async () => {
    expect(await api.status()).toMatchObject({ state: 'error', problem: { code: 'truncated', path: truncated } });
    expect(api.packs?.installFile).toBeDefined();
    expect(await api.listArchives()).toEqual([]);
    await expect(api.search({ query: 'fotomultas' })).rejects.toMatchObject({ name: 'Unavailable', message: expect.stringContaining('cut short') });
    const notes = await fetch(new URL('api/annotations/listAnnotations', url), { method: 'POST', headers: owner, body: JSON.stringify([note.documentId]) });
    expect(notes.status).toBe(503);
    // A pack cut short is refused; still the start-up error.
    await expect(api.packs!.installFile(new File([new Uint8Array(packBytes.subarray(0, 4000))], 'puebla.archive'))).rejects.toMatchObject({ name: 'PackRefused' });
    expect((await api.status()).state).toBe('error');
    expect(readdirSync(userDir).filter((name) => name !== 'packs' && name !== 'incoming-packs')).toEqual(['user.sqlite']);
    expect(readFileSync(path.join(userDir, 'user.sqlite')).equals(notesBefore)).toBe(true);
  });

  it('an uploaded pack makes the archive ready (naming the broken corpus), searchable, with the notes open', async () => {
    const outcome = await api.packs!.installFile(new File([new Uint8Array(packBytes)], 'puebla.archive'));
    expect(outcome).toMatchObject({ kind: 'installed', previousVersion: null, archive: { id: 'puebla', name: 'Fotomultas', documentCount: 1 } });
    expect(await api.status()).toMatchObject({ state: 'ready', problems: [{ code: 'truncated', path: truncated }] });
    expect((await api.listArchives()).map((archive) => `${archive.kind}:${archive.id}`)).toEqual(['pack:puebla']);
    const found = await api.search({ query: 'fotomultas' });
    expect(found.hits[0]?.id).toMatch(/^puebla~[0-9a-f]{16}$/);
    expect((await api.getDocument(found.hits[0]!.id))?.text).toContain('Puebla');
    expect((await api.corpusInfo()).name).toBe('Fotomultas');
    const listed = (await api.annotations!.listAnnotations(note.documentId)).map((item) => [item.id, item.note, item.target?.quote.exact]);
    expect(listed).toEqual([[note.id, 'la instancia', QUOTE]]);
    expect(output).toContain('is cut short');
  });
});
