/**
 * Splits a V8 CPU profile of a build (one file per thread, from `node --cpu-prof`, e.g.
 * `npm run bench -- --profile` or `node --import tsx --cpu-prof bench/build-probe.ts …`) into the
 * build's stages: Markdown rendering, search analysis, block compression, SQLite inserts, the
 * index builders, spilling, the finish, the duplicate finder, garbage collection, idle time.
 *   tsx bench/build-stages.ts <file.cpuprofile>…
 *
 * Why not profile-summary.ts alone: a stage is many functions (markdown-it, parse5, the YAML
 * parser…), and the question a build profile answers is "which stage, on which thread". Each
 * sample goes to the first stage of the list below found anywhere on its stack, so a stage
 * nested in another (brotli inside a document insert) is counted as itself. Needs file names in
 * the profile: profile a tsx run, not the esbuild bundle (its chunks have no module names).
 * Samples are wall-clock time of the thread (a thread waiting for the CPU on a loaded machine
 * is still sampled), so read shares, not seconds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Stage name, and the `function@module` (or bare function) names that start it; first match wins. */
const STAGES: ReadonlyArray<readonly [string, RegExp]> = [
  ['garbage collection', /^\(garbage collector\)$/],
  ['idle (waiting)', /^\(idle\)$/],
  ['brotli: document blocks', /^compressBlock@document-blocks$/],
  ['duplicate finder', /^(add|duplicateFingerprint)@duplicates$/],
  ['front matter (YAML)', /^(splitFrontMatter@front-matter|parseYamlData@safe-yaml)$/],
  ['Markdown rendering', /^renderMarkdown@render$/],
  ['analysis wire (encode/decode)', /^(encode|decode)@analysis-wire$/],
  ['analysis: word positions', /^(wordPositionsOf@phrase-positions|foldForMatching@fold)$/],
  ['analysis: terms and forms', /@document-analysis$/],
  ['index builder: add', /^add@direct-builder$/],
  ['positions builder: add', /^addWords@batched-positions$/],
  ['forms builder: add', /^add@batched-forms$/],
  ['spilling batches', /^spillBatch@/],
  ['finish: packing lists (brotli)', /^(packList@packed-list|packEach@list-pack-pool)$/],
  ['finish: merge, write, commit', /^finish@corpus-writer$/],
  ['document row insert', /^add@corpus-writer$/],
  ['rendering: rest (HTML, text)', /^renderDocument@render-document$/],
  ['recognising files', /^(recogniseFile|recogniseRecorded)@recognise$/],
  ['reading files', /^(readSource|readSourceSync)@recognise$|^stat$|^read$/],
];

function keyOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  const module = url ? path.basename(url.replace(/[?#].*$/, '')).replace(/\.(ts|mts|mjs|js)$/, '') : '';
  return module ? `${functionName}@${module}` : functionName;
}

function stagesOf(profile: CpuProfile): { total: number; byStage: Map<string, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stageOfNode = new Map<number, number>();
  for (const node of profile.nodes) {
    const key = keyOf(node);
    const stage = STAGES.findIndex(([, pattern]) => pattern.test(key));
    if (stage >= 0) stageOfNode.set(node.id, stage);
  }
  const byStage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    let best = STAGES.length;
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      if (!byId.has(id)) break;
      best = Math.min(best, stageOfNode.get(id) ?? STAGES.length);
    }
    const name = STAGES[best]?.[0] ?? 'other';
    byStage.set(name, (byStage.get(name) ?? 0) + delta);
  });
  return { total, byStage };
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('usage: build-stages.ts <file.cpuprofile>…');
  for (const file of files) {
    const { total, byStage } = stagesOf(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const idle = byStage.get('idle (waiting)') ?? 0;
    process.stdout.write(
      `\n${path.basename(file)} (${(total / 1e6).toFixed(1)} s sampled: busy ${((total - idle) / 1e6).toFixed(1)} s, ` +
        `idle ${(idle / 1e6).toFixed(1)} s)\n`,
    );
    for (const [name, us] of [...byStage].sort((a, b) => b[1] - a[1])) {
      if (us / total < 0.005) continue;
      process.stdout.write(
        `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}\n`,
      );
    }
  }
}

main();
