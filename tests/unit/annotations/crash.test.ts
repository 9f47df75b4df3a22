import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRandom } from '../../../bench/prng';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { bundleCrashWriter, KillRelay, type KilledRun } from '../../support/crash-harness';
import { LETTER_FILE, SEED_FOLDER } from './seed-corpus';

/**
 * Durability under SIGKILL: a writer is killed at ≥ 50 random moments; every annotation it
 * acknowledged (printed after its commit returned) must be there afterwards, with its last
 * acknowledged note, and the database must pass integrity_check at every reopen (the writer
 * reports if opening had to recover from a damaged file, which must never happen).
 * The random moments come from a printed seed; set ANNOTATIONS_CRASH_SEED to replay one.
 */
const KILLS = 52;
/** Two writers, each on its own user-data folder, run side by side to keep the test under a minute. */
const LANES = 2;
/** Stands for "the note it was created with" when an edit was tried but never acknowledged. */
const ORIGINAL_NOTE = '(as created)';
const SEED = Number(process.env.ANNOTATIONS_CRASH_SEED ?? 20261128);
const root = mkdtempSync(path.join(os.tmpdir(), 'annotations-crash-'));
/** Starts and kills the writers from a small process: a fork of this worker costs far more. */
const relay = new KillRelay();
const bundle = path.join(root, 'crash-writer.cjs');

beforeAll(async () => {
  // Bundled once so each of the 60 child starts costs a plain `node` start, not a TS compile.
  await bundleCrashWriter(path.join(__dirname, 'crash-writer.ts'), bundle);
});
afterAll(() => {
  relay.close();
  rmSync(root, { recursive: true, force: true });
});

function runWriter(dir: string, childSeed: number, killAfterMs: number): Promise<KilledRun> {
  return relay.runAndKill(bundle, [dir, String(childSeed), path.join(SEED_FOLDER, LETTER_FILE)], killAfterMs);
}

it(`every acknowledged annotation survives ${KILLS} SIGKILLs of the writer (seed ${SEED})`, async () => {
  console.log(`crash test seed: ${SEED} (replay with ANNOTATIONS_CRASH_SEED=${SEED})`);
  const started = Date.now();
  const lanes = await Promise.all(
    Array.from({ length: LANES }, (_, lane) =>
      killRepeatedly(path.join(root, `userdata-${lane}`), SEED + lane, KILLS / LANES),
    ),
  );
  const elapsed = Date.now() - started;
  const acks = lanes.reduce((sum, lane) => sum + lane.acknowledged.size, 0);
  const edits = lanes.reduce((sum, lane) => sum + lane.edits, 0);
  console.log(
    `crash test: ${KILLS} kills in ${LANES} folders, ${acks} acknowledged annotations, ${edits} edited, ${elapsed} ms`,
  );

  for (const { dir, acknowledged, lastNote } of lanes) {
    expect(acknowledged.size).toBeGreaterThan(5); // the writer did real work between kills
    const userData = await openUserData(dir, { backup: false });
    try {
      expect(userData.recovered).toBeNull();
      expect(userData.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Map(userData.annotations.all().map((annotation) => [annotation.id, annotation]));
      const missing = [...acknowledged].filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      for (const [id, notes] of lastNote) {
        const note = stored.get(id)?.note ?? '(missing)';
        const allowed = notes.includes(note) || (notes.includes(ORIGINAL_NOTE) && note.startsWith('nota '));
        expect(allowed, `note of ${id} is "${note.slice(0, 40)}", expected one of ${JSON.stringify(notes)}`).toBe(true);
      }
    } finally {
      userData.close();
    }
  }
  // Generous: about 35 s on a quiet 2-core machine, but child starts slow down a lot when other
  // test files run beside this one.
}, 180_000);

async function killRepeatedly(
  dir: string,
  seed: number,
  kills: number,
): Promise<{ dir: string; acknowledged: Set<string>; lastNote: Map<string, string[]>; edits: number }> {
  const rng = createRandom(seed);
  const random = () => rng.next();
  const acknowledged = new Set<string>();
  /** Per edited id: the last acknowledged note, then notes tried after it (any may be stored). */
  const lastNote = new Map<string, string[]>();
  let edits = 0;
  for (let kill = 0; kill < kills; kill += 1) {
    const delay = 5 + Math.floor(random() * 150);
    const run = await runWriter(dir, Math.floor(random() * 2 ** 31), delay);
    expect(run.signal, `${dir} run ${kill} ended by itself: ${run.stderr}`).toBe('SIGKILL');
    expect(run.lines[0], `${dir} run ${kill}: ${run.stderr}`).toBe('ready');
    for (const line of run.lines.slice(1)) {
      const [kind, id, ...rest] = line.split(' ');
      if (kind === 'ack' && id) acknowledged.add(id);
      else if (kind === 'upd' && id) {
        lastNote.set(id, [rest.join(' ')]);
        edits += 1;
      } else if (kind === 'try' && id) lastNote.set(id, [...(lastNote.get(id) ?? [ORIGINAL_NOTE]), rest.join(' ')]);
      else throw new Error(`${dir} run ${kill}: unexpected output "${line}"`);
    }
  }
  return { dir, acknowledged, lastNote, edits };
}
