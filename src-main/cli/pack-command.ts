import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PackManifest } from '../common/library';
import { isValidPackId, PACK_BUILD_FILES, packIdFromName, writePack } from '../core/packs/index';
import { keyIdHex } from '../core/packs/minisign';
import { keyFingerprint } from '../core/packs/fingerprint';
import { signPackFile } from '../core/packs/pack-signature';
import { buildWithProgress, printSummary } from './build-command';
import { CliFailure, EXIT_NOTHING_IMPORTED, EXIT_OK } from './cli-failure';
import type { CliIo } from './cli-io';
import { readSecretKeyFile } from './key-files';
import { refuseFolderAsOutput } from '../core/store/output-file';
import {
  removeAbandonedWorkFolders,
  removeOwnBuildFiles,
  removeOwnWorkFolders,
} from '../core/store/abandoned-build-files';
import { interruptibly, stoppedSentence } from './interruption';

/** The pack's build folder in the system's temporary folder: `<prefix><pid>-<random>`. */
const PACK_WORK_PREFIX = 'archivo-pack-';

export interface PackCommandOptions {
  out: string;
  name?: string;
  version?: string;
  id?: string;
  json?: boolean;
  /** A publisher's secret key: the pack gets `<out>.minisig` beside it. */
  sign?: string;
  passphraseFile?: string;
}

/**
 * `corpus pack`: builds a corpus from folders and files (same importer, progress and warnings
 * as `build`) into a temporary database, then writes it as an archive pack (atomically).
 */
export async function runPack(inputs: string[], options: PackCommandOptions, io: CliIo): Promise<number> {
  const missing = inputs.filter((input) => !existsSync(input));
  if (missing.length > 0) throw new CliFailure(`cannot read ${missing.join(', ')}: no such file or folder`);
  if (path.extname(options.out) !== '.archive')
    throw new CliFailure(`--out ${options.out}: a pack file must end in .archive`);
  if (options.version !== undefined && !/^\d+(\.\d+)*$/.test(options.version)) {
    throw new CliFailure(
      `--version ${options.version}: use numbers separated by dots (e.g. 2026.1), they are compared to tell upgrades from downgrades`,
    );
  }
  const name = options.name ?? path.basename(path.resolve(inputs[0] ?? 'archivo'));
  const id = options.id ?? packIdFromName(name);
  if (!isValidPackId(id))
    throw new CliFailure(`--id ${id}: use lowercase letters, digits and hyphens (and not "bundled")`);

  // Before the (long) build, as the corpus writer checks its own output; reported like any failure (exit 1).
  refuseFolderAsOutput(path.resolve(options.out), 'pack');
  // The key is unlocked before the (long) build, so a wrong passphrase costs nothing.
  const key = options.sign === undefined ? null : await readSecretKeyFile(options.sign, options);

  // Named by this process, so that the next pack removes it if this one is interrupted.
  removeAbandonedWorkFolders(tmpdir(), PACK_WORK_PREFIX);
  const work = mkdtempSync(path.join(tmpdir(), `${PACK_WORK_PREFIX}${String(process.pid)}-`));
  try {
    const database = path.join(work, 'corpus.sqlite');
    const packTarget = path.resolve(options.out);
    const { summary, manifest } = await interruptibly(
      async () => {
        const built = await buildWithProgress(
          inputs,
          { out: database, name, version: options.version, json: options.json },
          io,
          [options.out],
        );
        const written: PackManifest | null =
          built.documents > 0 ? await writePack({ databasePath: database, out: options.out, id }) : null;
        return { summary: built, manifest: written };
      },
      {
        io,
        removeOwnFiles: () => {
          removeOwnWorkFolders(tmpdir(), PACK_WORK_PREFIX);
          removeOwnBuildFiles(packTarget, PACK_BUILD_FILES);
        },
        stopped: stoppedSentence(options.out, packTarget, 'pack'),
      },
    );
    let signature: string | null = null;
    if (manifest && key) signature = await signPackFile(options.out, key, manifest);

    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ manifest, signature, documents: summary.documents, byType: summary.byType, warnings: summary.warnings }, null, 2)}\n`,
      );
    } else {
      printSummary(summary, options.out, io);
      if (manifest) {
        io.stdout.write(
          `Pack "${manifest.name}" (id ${manifest.id}, version ${manifest.version}), database SHA-256 ${manifest.database.sha256}.\n`,
        );
      }
      if (signature && key) {
        io.stdout.write(
          `Signed: ${signature} (key ${keyIdHex(key.keyId)}, fingerprint ${keyFingerprint(key)}). Copy it beside the pack.\n`,
        );
      }
    }
    return manifest === null ? EXIT_NOTHING_IMPORTED : EXIT_OK;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
