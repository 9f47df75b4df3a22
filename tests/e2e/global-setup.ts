import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedCorpus = path.resolve(repoRoot, '../shared/corpus');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const MANY_DOCUMENTS = 1200;

/** Runs a command to completion, failing the whole run with its output when it fails. */
function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** Starts `npm run serve`'s entry on a free port and resolves with the URL it prints. */
function startServe(database: string): Promise<{ url: string; child: ChildProcess }> {
  // Each server keeps its annotations beside its corpus (a fresh folder per run), never in the real per-user folder.
  const userData = database.replace(/\.sqlite$/, '-user');
  const child = spawn(tsx, ['src-main/serve/main.ts', '--db', database, '--port', '0', '--no-build', '--user-data', userData], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Builds two corpus databases with the real CLI (the bundled seeds; the gobiernofacil Jekyll
 * site plus a generated post naming an image that does not exist), builds the UI and starts
 * one browser-mode server for each. URLs reach the tests through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-'));
  const seeds = path.join(workDir, 'seeds.sqlite');
  const site = path.join(workDir, 'site.sqlite');
  const extra = path.join(workDir, 'extra', '_posts');
  mkdirSync(extra, { recursive: true });
  writeFileSync(
    path.join(extra, '2018-06-01-imagen-perdida.md'),
    [
      '---',
      'title: "Nota con una imagen perdida"',
      'categories: Pruebas',
      'tags: [Pruebas]',
      '---',
      '',
      'Esta nota menciona una gráfica que nunca se publicó. Véase [la nota enlazada]({% post_url 2018-05-15-nota-enlazada %}).',
      '',
      '![Gráfica de presupuesto que no existe](/assets/images/no-existe-presupuesto.png)',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(extra, '2018-05-15-nota-enlazada.md'), '---\ntitle: "Nota enlazada desde otra"\n---\n\nEsta nota recibe un enlace interno.\n');

  // Many small generated notes: enough rows that the list must virtualise and page.
  const many = path.join(workDir, 'many.sqlite');
  const manyDir = path.join(workDir, 'many');
  mkdirSync(manyDir);
  const vocabulary = ['gobierno', 'transparencia', 'vigilancia', 'espionaje', 'datos', 'sociedad', 'civil', 'periodistas', 'presupuesto', 'cuentas'];
  for (let i = 0; i < MANY_DOCUMENTS; i += 1) {
    const date = `${2000 + (i % 19)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const body = Array.from({ length: 40 }, (_, k) => vocabulary[(i * 7 + k * 3) % vocabulary.length]).join(' ');
    writeFileSync(path.join(manyDir, `${date}-nota-${i}.md`), `---\ntitle: "Nota generada ${i}"\n---\n\n${body}\n`);
  }

  run(tsx, ['src-main/cli/main.ts', 'build', 'resources/corpus', '--out', seeds, '--name', 'Semillas e2e']);
  run(tsx, ['src-main/cli/main.ts', 'build', manyDir, '--out', many, '--name', 'Muchas notas e2e']);
  run(tsx, ['src-main/cli/main.ts', 'build', path.join(sharedCorpus, 'gobiernofacil'), path.join(workDir, 'extra'), '--out', site, '--name', 'Gobierno Fácil e2e']);
  run(path.join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn']);

  const servers = await Promise.all([startServe(seeds), startServe(site), startServe(many)]);
  process.env.E2E_SEEDS_URL = servers[0]!.url;
  process.env.E2E_SITE_URL = servers[1]!.url;
  process.env.E2E_MANY_URL = servers[2]!.url;
  process.env.E2E_MANY_DOCUMENTS = String(MANY_DOCUMENTS);

  return async () => {
    for (const { child } of servers) child.kill('SIGTERM');
    rmSync(workDir, { recursive: true, force: true });
  };
}
