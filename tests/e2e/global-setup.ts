import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureFreshBundles } from '../support/bundles';
import { CHROMIUM_EXECUTABLE, E2E_CHROMIUM_EXECUTABLE } from './chromium';
import { buildCorpusCached } from '../support/fixtures-corpus-cache';
import { ensureFreshUi } from '../support/ui-build';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

const sharedCorpus = path.resolve(repoRoot, '../shared/corpus');
const MANY_DOCUMENTS = 1200;

/** Each server keeps its annotations beside its corpus (a fresh folder per run), never in the real per-user folder. */
function startServeBesideCorpus(database: string): Promise<ServeProcess> {
  return startServe({ database, userData: database.replace(/\.sqlite$/, '-user') });
}

/**
 * Builds three corpus databases with the real CLI (the bundled seeds; the gobiernofacil Jekyll
 * site plus a generated post naming an image that does not exist; many generated notes), each
 * copied from the corpus cache when its inputs are unchanged, builds the UI unless its inputs
 * are unchanged (../support/ui-build.ts) and starts one browser-mode server for each. URLs
 * reach the tests through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  console.log(ensureFreshBundles());
  if (E2E_CHROMIUM_EXECUTABLE === CHROMIUM_EXECUTABLE)
    console.log(
      'chromium-headless-shell is not installed (apt-get install chromium-headless-shell): ' +
        'the end-to-end tests run in the full Chromium, which takes about a quarter more CPU.',
    );
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
  writeFileSync(
    path.join(extra, '2018-05-15-nota-enlazada.md'),
    '---\ntitle: "Nota enlazada desde otra"\n---\n\nEsta nota recibe un enlace interno.\n',
  );

  // Many small generated notes: enough rows that the list must virtualise and page.
  const many = path.join(workDir, 'many.sqlite');
  const manyDir = path.join(workDir, 'many');
  mkdirSync(manyDir);
  const vocabulary = [
    'gobierno',
    'transparencia',
    'vigilancia',
    'espionaje',
    'datos',
    'sociedad',
    'civil',
    'periodistas',
    'presupuesto',
    'cuentas',
  ];
  for (let i = 0; i < MANY_DOCUMENTS; i += 1) {
    const date = `${2000 + (i % 19)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const body = Array.from({ length: 40 }, (_, k) => vocabulary[(i * 7 + k * 3) % vocabulary.length]).join(' ');
    writeFileSync(path.join(manyDir, `${date}-nota-${i}.md`), `---\ntitle: "Nota generada ${i}"\n---\n\n${body}\n`);
  }

  buildCorpusCached(['resources/corpus'], 'Semillas e2e', seeds);
  // Generated inputs are the same bytes every run, so these two come from the cache after the first.
  buildCorpusCached([manyDir], 'Muchas notas e2e', many);
  buildCorpusCached(
    [path.join(sharedCorpus, 'gobiernofacil'), path.join(workDir, 'extra')],
    'Gobierno Fácil e2e',
    site,
  );
  console.log(ensureFreshUi());

  const servers = await Promise.all([
    startServeBesideCorpus(seeds),
    startServeBesideCorpus(site),
    startServeBesideCorpus(many),
  ]);
  process.env.E2E_SEEDS_URL = servers[0].url;
  process.env.E2E_SITE_URL = servers[1].url;
  process.env.E2E_MANY_URL = servers[2].url;
  // The owner cookies (per-start tokens) the test contexts carry, as if opened from the printed URLs.
  process.env.E2E_OWNER_COOKIES = JSON.stringify(servers.map((server) => server.ownerCookie));
  process.env.E2E_MANY_DOCUMENTS = String(MANY_DOCUMENTS);

  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(workDir, { recursive: true, force: true });
  };
}
