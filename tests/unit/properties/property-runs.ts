/**
 * Settings of every fast-check property here. CI runs them with a fixed seed, so a run that
 * lands is reproducible and a red build always means a change, not the luck of the draw. To
 * search wider, run them by hand with `FC_SEED=random` (or a number) and `FC_RUNS_FACTOR=10`;
 * fast-check prints the seed and the shrunk counterexample of any failure, and that
 * counterexample belongs in a fixed test once fixed.
 */
const DEFAULT_SEED = 20261128;

function seedFromEnvironment(): number {
  const requested = process.env.FC_SEED;
  if (requested === undefined || requested === '') return DEFAULT_SEED;
  if (requested === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got "${requested}"`);
  return seed;
}

function runsFactor(): number {
  const factor = Number(process.env.FC_RUNS_FACTOR ?? '1');
  if (!Number.isFinite(factor) || factor <= 0)
    throw new Error(`FC_RUNS_FACTOR must be a positive number, got "${process.env.FC_RUNS_FACTOR}"`);
  return factor;
}

export const PROPERTY_SEED = seedFromEnvironment();

/** `numRuns` scaled by FC_RUNS_FACTOR, and the seed of this run. */
export function propertyRuns(numRuns: number): { numRuns: number; seed: number } {
  return { numRuns: Math.max(1, Math.round(numRuns * runsFactor())), seed: PROPERTY_SEED };
}
