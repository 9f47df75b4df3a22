import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpusCached } from './fixtures-corpus-cache';
import { repoRoot, startServe, type ServeProcess } from './serve-process';

/**
 * A browser-mode server an end-to-end spec starts for itself in `beforeAll`: a corpus built from
 * `inputs` (cached across specs, ./fixtures-corpus-cache.ts) in a fresh work folder, the
 * annotations beside it, and, with `lanName`, shared on the network as on a laptop's hotspot.
 */
export interface SpecServer {
  work: string;
  database: string;
  server: ServeProcess;
  /** The server's address under `lanName` (as a phone on the hotspot opens it); its plain url without one. */
  lanUrl: string;
  stop: () => Promise<void>;
}

export interface SpecServerOptions {
  /** Prefix of the work folder's name in the temp folder. */
  prefix: string;
  /** Corpus folders, absolute or relative to the project. */
  inputs: string[];
  /** The corpus name (`corpus build --name`): what citations and the About dialog show. */
  name: string;
  /** Shares the server (--host 0.0.0.0) and allows this host name; the e2e Chromium maps it to loopback (E2E_CHROMIUM_ARGS). */
  lanName?: string;
}

/** The gobiernofacil test site, as every spec names it. */
export const SITE_CORPUS = path.resolve(repoRoot, '../shared/corpus/gobiernofacil');
/** The two seeds bundled with the project (letter + article). */
export const SEEDS_CORPUS = path.join(repoRoot, 'resources/corpus');

export async function startSpecServer({ prefix, inputs, name, lanName }: SpecServerOptions): Promise<SpecServer> {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  const database = path.join(work, 'corpus.sqlite');
  buildCorpusCached(inputs, name, database);
  const server = await startServe({
    database,
    userData: path.join(work, 'user'),
    extraArgs: lanName ? ['--host', '0.0.0.0', '--allowed-host', lanName] : [],
  });
  return {
    work,
    database,
    server,
    lanUrl: lanName ? server.url.replace('127.0.0.1', lanName) : server.url,
    stop: async () => {
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
