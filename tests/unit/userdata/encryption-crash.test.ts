import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRandom } from '../../../bench/prng';
import { openUserData } from '../../../src-main/core/userdata/user-data';
import { isEncryptedDatabaseFile } from '../../../src-main/core/userdata/user-database-cipher';
import { bundleCrashWriter, KillRelay, type KilledRun } from '../../support/crash-harness';
import { LETTER_FILE, SEED_FOLDER } from '../annotations/seed-corpus';
import { withTestKdfIterations } from '../../support/test-kdf-hooks';

// Faster key derivations for the code paths under test; shipped-kdf.test.ts checks the real count.
withTestKdfIterations();

/**
 * Issue 17's "SIGKILL during enable/disable": a child turns encryption on and off in a loop,
 * writing one acknowledged note between switches, and is killed at ≥ 50 random moments. After
 * every kill the user data must open (with the passphrase exactly when the file is encrypted),
 * pass integrity_check, hold every acknowledged note, and need no recovery from a backup.
 * The random moments come from a printed seed; set ENCRYPTION_CRASH_SEED to replay one.
 */
const KILLS = 50;
const LANES = 2;
const PASSPHRASE = 'llave de prueba: ñandú 42';
const SEED = Number(process.env.ENCRYPTION_CRASH_SEED ?? 20261206);
const root = mkdtempSync(path.join(os.tmpdir(), 'encryption-crash-'));
/** Starts and kills the writers from a small process: a fork of this worker costs far more. */
const relay = new KillRelay();
const bundle = path.join(root, 'switch-crash-writer.cjs');

/**
 * Kills are drawn up to this long after `ready` (long enough to reach the switch, several key
 * derivations, on a busy machine) until a run has shown how long one note-and-switch round
 * takes here; then up to a little more than that round, so a kill lands in the first round or
 * just after it instead of waiting through several (a later round adds nothing the next run
 * does not reach, and on a quiet machine a kill used to wait 3 s on average). Never longer
 * than before: on a machine so busy that no switch completes in time, nothing changes.
 */
const MAX_KILL_MS = 6000;
const ROUND_MARGIN = 1.25;

beforeAll(async () => {
  await bundleCrashWriter(path.join(__dirname, 'switch-crash-writer.ts'), bundle);
});
afterAll(() => {
  relay.close();
  rmSync(root, { recursive: true, force: true });
});

function runWriter(dir: string, killAfterMs: number): Promise<KilledRun> {
  return relay.runAndKill(bundle, [dir, PASSPHRASE, path.join(SEED_FOLDER, LETTER_FILE)], killAfterMs);
}

/** The longest round (ready or the last switch, to the next switch) a run printed; null when it printed no switch. */
function longestRound(run: KilledRun): number | null {
  let previous = 0;
  let longest: number | null = null;
  run.lines.forEach((line, index) => {
    if (!line.startsWith('switched')) return;
    const at = run.lineTimes[index] ?? previous;
    longest = Math.max(longest ?? 0, at - previous);
    previous = at;
  });
  return longest;
}

/** Opens the folder as the app would after the crash and checks every acknowledged note. */
async function checkSurvivors(dir: string, acknowledged: Set<string>, context: string): Promise<boolean> {
  const file = path.join(dir, 'user.sqlite');
  const encrypted = isEncryptedDatabaseFile(file);
  const userData = await openUserData(dir, {
    backup: false,
    key: encrypted ? Buffer.from(PASSPHRASE, 'utf8') : null,
  });
  try {
    expect(userData.recovered, context).toBeNull();
    expect(userData.db.pragma('integrity_check', { simple: true }), context).toBe('ok');
    const stored = new Set(userData.annotations.all().map((annotation) => annotation.id));
    expect(
      [...acknowledged].filter((id) => !stored.has(id)),
      context,
    ).toEqual([]);
  } finally {
    userData.close();
  }
  // Opening cleaned up what the interrupted switch left (temporary copies, old names).
  expect(
    readdirSync(dir).filter((name) => /\.(rekeying|old)$/.test(name)),
    context,
  ).toEqual([]);
  return encrypted;
}

it(`every acknowledged note survives ${KILLS} SIGKILLs while encryption is switched on and off (seed ${SEED})`, async () => {
  console.log(`encryption crash seed: ${SEED} (replay with ENCRYPTION_CRASH_SEED=${SEED})`);
  const started = Date.now();
  const lanes = await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      const dir = path.join(root, `userdata-${lane}`);
      const rng = createRandom(SEED + lane);
      const random = () => rng.next();
      const acknowledged = new Set<string>();
      const seen = { encrypted: 0, plain: 0, switches: 0 };
      // Beyond the planned kills, a few more (at most 10) until a kill has left each state: the
      // timing that decides it differs from machine to machine.
      const bothStatesSeen = () => seen.encrypted > 0 && seen.plain > 0;
      let roundMs = MAX_KILL_MS;
      for (let kill = 0; kill < KILLS / LANES || (kill < KILLS / LANES + 10 && !bothStatesSeen()); kill += 1) {
        // Long enough to reach the switch (several key derivations), short enough to land inside it.
        const run = await runWriter(dir, 50 + Math.floor(random() * Math.min(MAX_KILL_MS, roundMs * ROUND_MARGIN)));
        roundMs = longestRound(run) ?? roundMs;
        const context = `${dir} run ${kill}: ${run.stderr}`;
        expect(run.signal, context).toBe('SIGKILL');
        expect(run.lines[0], context).toBe('ready');
        for (const line of run.lines.slice(1)) {
          const [kind, id] = line.split(' ');
          if (kind === 'ack' && id) acknowledged.add(id);
          else if (kind === 'switched') seen.switches += 1;
          else throw new Error(`${context}: unexpected output "${line}"`);
        }
        if (await checkSurvivors(dir, acknowledged, context)) seen.encrypted += 1;
        else seen.plain += 1;
      }
      return { dir, acknowledged, seen };
    }),
  );
  for (const { dir, acknowledged, seen } of lanes) {
    console.log(
      `${dir}: ${acknowledged.size} acknowledged notes, ${seen.switches} completed switches, ` +
        `found encrypted ${seen.encrypted}× and plain ${seen.plain}× after a kill`,
    );
    expect(existsSync(dir)).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(5);
  }
  // The kills landed in both states, so both directions of the switch were interrupted.
  expect(lanes.reduce((sum, lane) => sum + lane.seen.encrypted, 0)).toBeGreaterThan(0);
  expect(lanes.reduce((sum, lane) => sum + lane.seen.plain, 0)).toBeGreaterThan(0);
  console.log(`encryption crash test: ${KILLS} kills in ${Date.now() - started} ms`);
}, 600_000);
