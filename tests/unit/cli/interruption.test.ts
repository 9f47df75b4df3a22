import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cliBundle } from '../../support/bundles';
import { makeTempFolder } from '../../support/temp-folders';
import { SEED_FOLDER } from '../annotations/seed-corpus';

/** Enough small posts that a build is still writing when its first temporary file appears. */
const POSTS = 3000;

function writePosts(folder: string): void {
  mkdirSync(folder);
  for (let index = 0; index < POSTS; index += 1) {
    const day = String((index % 28) + 1).padStart(2, '0');
    writeFileSync(
      path.join(folder, `2017-05-${day}-nota-${String(index)}.md`),
      `---\ntitle: Nota ${String(index)}\n---\n\nLa vigilancia digital del gobierno, nota ${String(index)}.\n`,
    );
  }
}

/** Resolves once `folder` holds a file whose name starts with `prefix`. */
async function fileAppears(folder: string, prefix: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!readdirSync(folder).some((name) => name.startsWith(prefix))) {
    if (Date.now() - started > timeoutMs) throw new Error(`no ${prefix}… in ${folder} after ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('Ctrl-C during `corpus build` removes what the build wrote, says so, and leaves the database there as it was', async () => {
  const folder = makeTempFolder('interrupted-build-');
  const target = path.join(folder, 'archivo.sqlite');
  const seeded = spawnSync(process.execPath, [cliBundle, 'build', SEED_FOLDER, '--out', target], { encoding: 'utf8' });
  expect(seeded.status).toBe(0);
  const before = readFileSync(target);
  const posts = path.join(folder, 'posts');
  writePosts(posts);

  const build = spawn(process.execPath, [cliBundle, 'build', posts, '--out', target], { stdio: 'pipe' });
  let stderr = '';
  build.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    build.on('exit', (code, signal) => {
      resolve({ code, signal });
    }),
  );
  // The writer's file appears with the first document: the build is under way.
  await fileAppears(folder, `archivo.sqlite.tmp-${String(build.pid)}-`);
  build.kill('SIGINT');

  // 130: the shell's code for SIGINT, as Node's default would have ended it.
  expect(await ended).toEqual({ code: 130, signal: null });
  expect(stderr).toContain(`corpus: stopped (SIGINT); ${target} was not changed, and nothing of this build was kept.`);
  expect(readdirSync(folder).sort()).toEqual(['archivo.sqlite', 'posts']);
  expect(readFileSync(target).equals(before)).toBe(true);
});
