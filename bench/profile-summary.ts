/**
 * Summarises a V8 CPU profile (from `node --cpu-prof`, e.g. `npm run bench -- --profile`):
 * self time per function and total (inclusive) time per function, top N.
 *   tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [filter-substring] [under-substring]
 * With `under`, only the samples with such a function on their stack count (e.g. `search
 * src-main/core/search/searcher.ts` for a server's searches alone, start-up left out).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url
    ? url
        .replace(/^file:\/\//, '')
        .replace(/^.*node_modules\//, '~/')
        .replace(process.cwd() + path.sep, '')
    : '';
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function main(): void {
  const [file, topArg, filter, under] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [filter] [under]');
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfUs = new Map<string, number>();
  const totalUs = new Map<string, number>();
  let allUs = 0;
  const hasAncestor = (sampleId: number, name: string): boolean => {
    for (let id: number | undefined = sampleId; id !== undefined; id = parent.get(id)) {
      const ancestor = byId.get(id);
      if (ancestor && label(ancestor).includes(name)) return true;
    }
    return false;
  };
  profile.samples.forEach((sampleId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    if (under && !hasAncestor(sampleId, under)) return;
    allUs += delta;
    const node = byId.get(sampleId);
    if (!node) return;
    if (under && !hasAncestor(sampleId, under)) return;
    selfUs.set(label(node), (selfUs.get(label(node)) ?? 0) + delta);
    // Inclusive time: count each distinct function once per sample along the stack.
    const seen = new Set<string>();
    for (let id: number | undefined = sampleId; id !== undefined; id = parent.get(id)) {
      const ancestor = byId.get(id);
      if (!ancestor) break;
      const name = label(ancestor);
      if (seen.has(name)) continue;
      seen.add(name);
      totalUs.set(name, (totalUs.get(name) ?? 0) + delta);
    }
  });

  const print = (title: string, table: Map<string, number>): void => {
    process.stdout.write(`\n${title} (of ${(allUs / 1e6).toFixed(2)} s sampled)\n`);
    [...table]
      .filter(([name]) => !filter || name.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .forEach(([name, us]) =>
        process.stdout.write(
          `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / allUs).toFixed(1).padStart(5)}%  ${name}\n`,
        ),
      );
  };
  print('self time', selfUs);
  print('total time', totalUs);
}

main();
