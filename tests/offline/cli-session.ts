/**
 * The command-line half of the offline proof, run by offline-proof.test.ts inside the
 * network namespace and under strace: the real corpus CLI builds the seeds and the
 * gobiernofacil site, searches both and shows a document. Every step's output is checked,
 * so a CLI that failed early (and so made no connection) cannot pass for an offline one.
 * Writes a JSON summary to argv[3].
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, runCorpusCli } from '../support/serve-process';

const [workDir, summaryFile] = process.argv.slice(2);
if (!workDir || !summaryFile) throw new Error('usage: cli-session.ts <work dir> <summary.json>');
const sharedCorpus = path.resolve(repoRoot, '../shared/corpus');

function corpus(args: string[]): string {
  return runCorpusCli(args, 150_000);
}

interface SearchJson {
  total: number;
  hits: Array<{ id: string; title: string }>;
}

const seeds = path.join(workDir, 'seeds.sqlite');
const site = path.join(workDir, 'site.sqlite');
corpus(['build', 'resources/corpus', '--out', seeds, '--name', 'Semillas sin red']);
corpus(['build', path.join(sharedCorpus, 'gobiernofacil'), '--out', site, '--name', 'Gobierno Fácil sin red']);

const seedHits = JSON.parse(corpus(['search', seeds, 'espionaje', '--json'])) as SearchJson;
const siteHits = JSON.parse(corpus(['search', site, 'transparencia', '--json'])) as SearchJson;
const phrase = JSON.parse(corpus(['search', seeds, '"Ejecutivo Federal"', '--json'])) as SearchJson;
const first = seedHits.hits[0];
if (!first) throw new Error('search for espionaje found nothing in the seeds');
const shown = JSON.parse(corpus(['show', seeds, first.id, '--json'])) as { id: string; title: string };
const shownText = corpus(['show', site, siteHits.hits[0]?.id ?? 'missing']);

writeFileSync(
  summaryFile,
  JSON.stringify({
    seeds,
    seedHits: seedHits.total,
    siteHits: siteHits.total,
    phraseHits: phrase.total,
    shownId: shown.id,
    shownTitle: shown.title,
    siteShownLength: shownText.length,
  }),
);
