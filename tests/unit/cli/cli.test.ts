import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { corpusInProcess } from '../../support/corpus-in-process';
import { corpusCli, type CorpusCliResult } from '../../support/serve-process';

const repo = path.resolve(__dirname, '../../..');
const seeds = path.join(repo, 'resources/corpus');
const gobiernofacil = path.resolve(repo, '../shared/corpus/gobiernofacil');

/** `corpus <args>` run in this process: what the commands print and return. */
function corpus(...args: string[]): Promise<CorpusCliResult> {
  return corpusInProcess(args);
}

/**
 * `corpus <args>` as a child process of the bundle: for the tests of what reaches the shell
 * (the exit codes 0, 1 and 2, and output on the right stream), one of each.
 */
function spawned(...args: string[]): CorpusCliResult {
  return corpusCli(args);
}

interface SearchJson {
  total: number;
  hits: Array<{ id: string; title: string; type: string; date: string | null; score: number; snippet: string }>;
  facets: Record<string, Array<{ value: string; count: number }>>;
  notice: string | null;
}

describe('corpus command line', () => {
  let work: string;
  let seedsDb: string;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'corpus-cli-'));
    seedsDb = path.join(work, 'seeds.sqlite');
    const built = await corpus('build', seeds, '--out', seedsDb, '--name', 'Semillas', '--json');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('build --json reports documents by type and warnings with file names', async () => {
    const out = path.join(work, 'again.sqlite');
    const result = await corpus('build', seeds, '--out', out, '--json');
    const summary = JSON.parse(result.stdout) as {
      documents: number;
      byType: Record<string, number>;
      warnings: Array<{ file: string; message: string }>;
    };
    expect(summary.documents).toBe(2);
    expect(summary.byType).toEqual({ article: 1, letter: 1, other: 0 });
    // The seed article's two links that lead nowhere inside the archive are reported against it.
    const deadLinks = summary.warnings.filter((w) => w.file.endsWith('001_3d21b2bec742277f.txt'));
    expect(deadLinks.map((w) => w.message).join('\n')).toMatch(/cultura ecologica/);
    expect(deadLinks.map((w) => w.message).join('\n')).toMatch(/\/user\/login/);
  });

  // Spawned: exit 0 and JSON on standard output, from the bundle.
  it('search --json finds both seeds for "espionaje" with marked snippets', () => {
    const result = spawned('search', seedsDb, 'espionaje', '--json');
    expect(result.code).toBe(0);
    const response = JSON.parse(result.stdout) as SearchJson;
    expect(response.total).toBe(2);
    expect(response.hits.map((h) => h.type).sort()).toEqual(['article', 'letter']);
    for (const hit of response.hits) expect(hit.snippet).toMatch(/<mark>espionaje<\/mark>/i);
    expect(Object.keys(response.hits[0]!).sort()).toEqual(['date', 'id', 'score', 'snippet', 'title', 'type']);
    expect(response.notice).toBeNull();
  });

  it('search --type letter isolates the letter, and "Ejecutivo Federal" finds it as a phrase', async () => {
    const filtered = JSON.parse(
      (await corpus('search', seedsDb, 'gobierno', '--type', 'letter', '--json')).stdout,
    ) as SearchJson;
    expect(filtered.hits.map((h) => h.date)).toEqual(['2017-05-23']);
    const phrase = JSON.parse((await corpus('search', seedsDb, '"Ejecutivo Federal"', '--json')).stdout) as SearchJson;
    expect(phrase.total).toBe(1);
    expect(phrase.hits[0]!.type).toBe('letter');
  });

  it('search needs every word unless --any or OR, and says "did you mean" for a misspelt word', async () => {
    const search = async (...args: string[]) =>
      JSON.parse((await corpus('search', seedsDb, ...args, '--json')).stdout) as SearchJson & {
        match: string;
        suggestion: string | null;
      };
    expect(await search('espionaje vigilanciaxyz')).toMatchObject({ total: 0, match: 'all' });
    expect(await search('espionaje vigilanciaxyz', '--any')).toMatchObject({ total: 2, match: 'any' });
    expect(await search('espionaje OR vigilanciaxyz')).toMatchObject({ total: 2, match: 'any' });
    expect(await search('espionage')).toMatchObject({ total: 0, suggestion: 'espionaje' });
    expect((await search('espionaje')).suggestion).toBeNull();
    // Oldest first, and the undated seed still last.
    expect((await search('', '--sort', 'oldest')).hits.map((hit) => hit.date)).toEqual(['2017-05-23', null]);
    expect((await corpus('search', seedsDb, 'espionage')).stdout).toMatch(/Did you mean: espionaje/);
  });

  it('a malformed query is searched literally with a notice instead of failing', async () => {
    const result = await corpus('search', seedsDb, 'title:', '--json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as SearchJson).notice).toMatch(/literal/i);
  });

  it('an empty query lists all documents newest first, undated last', async () => {
    const response = JSON.parse((await corpus('search', seedsDb, '', '--json')).stdout) as SearchJson;
    expect(response.hits.map((h) => h.date)).toEqual(['2017-05-23', null]);
  });

  it('show --json prints the documented shape of the letter', async () => {
    const letterId = (
      JSON.parse((await corpus('search', seedsDb, '', '--type', 'letter', '--json')).stdout) as SearchJson
    ).hits[0]!.id;
    const result = await corpus('show', seedsDb, letterId, '--json');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual([
      'id',
      'type',
      'title',
      'date',
      'place',
      'authors',
      'signatories',
      'addressee',
      'category',
      'tags',
      'description',
      'source',
      'sha256',
      'words',
      'html',
      'text',
    ]);
    expect(document.place).toBe('Ciudad de México');
    expect((document.signatories as string[])[0]).toBe('Artículo 19');
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  // Spawned: exit codes 1 and 2 as the shell sees them, the sentences on standard error.
  it('show of an unknown id, a missing database and bad options exit 1 with a sentence', () => {
    const unknown = spawned('show', seedsDb, '0000000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no document with id 0000000000000000/);
    const missing = spawned('search', path.join(work, 'nope.sqlite'), 'x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.sqlite/);
    const badSort = spawned('search', seedsDb, 'x', '--sort', 'sideways');
    expect(badSort.code).toBe(1);
    expect(badSort.stderr).toMatch(/sort/);
    const badDate = spawned('search', seedsDb, 'x', '--from', 'yesterday');
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/from/);
  });

  it('exits 2 and writes nothing when no document can be imported', () => {
    const empty = path.join(work, 'only-binary');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 0]));
    const out = path.join(work, 'empty.sqlite');
    const result = spawned('build', empty, '--out', out, '--json');
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const summary = JSON.parse(result.stdout) as { warnings: Array<{ file: string }> };
    expect(summary.warnings.some((w) => w.file.endsWith('blob.bin'))).toBe(true);
  });

  it('a failed rebuild leaves the previous database intact', async () => {
    const out = path.join(work, 'keep.sqlite');
    expect((await corpus('build', seeds, '--out', out)).code).toBe(0);
    const before = readFileSync(out);
    // Nothing importable: the build must not replace the good database.
    const empty = path.join(work, 'nothing');
    mkdirSync(empty);
    expect((await corpus('build', empty, '--out', out)).code).toBe(2);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('refuses an --out that is a folder with a sentence that says so, and leaves nothing beside it', async () => {
    const folder = path.join(work, 'a-folder.sqlite');
    mkdirSync(folder);
    const result = await corpus('build', seeds, '--out', folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Cannot write corpus database ${folder}: it is a folder; give the corpus database's file name`,
    );
    expect(result.stdout).toBe('');
    expect(readdirSync(work).filter((name) => name.startsWith('a-folder.sqlite.'))).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('leaves what it writes out when it builds into a folder it imports, and says so', async () => {
    const folder = path.join(work, 'own-output');
    mkdirSync(folder);
    for (const name of ['000_ff8ecd809083cd7f.txt', '001_3d21b2bec742277f.txt'])
      writeFileSync(path.join(folder, name), readFileSync(path.join(seeds, name)));
    const out = path.join(folder, 'archivo.sqlite');
    // A file an interrupted build left (its process id is not running): the rebuild removes it.
    writeFileSync(`${out}.tmp-999999999-0123456789ab`, 'SQLite format 3\0');
    type BuildJson = { documents: number; warnings: Array<{ file: string; message: string; code?: string }> };
    for (const round of [1, 2]) {
      const result = await corpus('build', folder, '--out', out, '--json');
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout) as BuildJson;
      expect(summary.documents).toBe(2);
      const own = summary.warnings.filter((warning) => warning.file.startsWith('own-output/archivo.sqlite'));
      // The first round finds the interrupted build's file, the second the first round's database.
      expect(own).toEqual([
        {
          file: round === 1 ? 'own-output/archivo.sqlite.tmp-999999999-0123456789ab' : 'own-output/archivo.sqlite',
          message: 'left out: written by this build',
          code: 'excluded',
        },
      ]);
    }
    expect(readdirSync(folder).sort()).toEqual([
      '000_ff8ecd809083cd7f.txt',
      '001_3d21b2bec742277f.txt',
      'archivo.sqlite',
    ]);
  });

  it('builds the whole gobiernofacil site: 25 articles, tag filter and date sort', async () => {
    const out = path.join(work, 'gf.sqlite');
    const built = JSON.parse((await corpus('build', gobiernofacil, '--out', out, '--json')).stdout) as {
      documents: number;
      byType: Record<string, number>;
    };
    expect(built.byType.article).toBe(25);
    const byDate = JSON.parse(
      (await corpus('search', out, '', '--sort', 'date', '--limit', '3', '--json')).stdout,
    ) as SearchJson;
    expect(byDate.total).toBe(25);
    expect(byDate.hits[0]!.date).toBe('2018-04-03');
    const dataviz = JSON.parse((await corpus('search', out, '', '--tag', 'Dataviz', '--json')).stdout) as SearchJson;
    expect(dataviz.total).toBe(3);
  });
});
