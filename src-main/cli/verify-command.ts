import { readFileSync } from 'node:fs';
import type { PackManifest, PackPublisher } from '../common/library';
import { PackError } from '../core/packs/index';
import { publisherFromComment, keyIdHex } from '../core/packs/minisign';
import { verifyPackFile } from '../core/packs/pack-trust';
import { installedPackFiles, readInstalledManifest } from '../core/packs/installed-packs';
import { loadPublishers, type PublisherTrust } from '../core/packs/publishers';
import { compareVersions, isValidPackId } from '../core/packs/versions';
import { CliFailure, EXIT_OK, EXIT_USAGE } from './cli-failure';
import type { CliIo } from './cli-io';
import { readPublicKeyFile } from './key-files';
import { errorMessage } from '../common/guards';

export interface VerifyOptions {
  json?: boolean;
  /** An installer's publishers.json: its keys and its policy decide. */
  publishers?: string;
  /** Trusted publisher public key files (repeatable), when there is no publishers file. */
  key?: string[];
  /** A packs folder (`<user-data>/packs`): compare with the version installed there. */
  installed?: string;
}

/** The same pack as installed in a packs folder, when there is one. */
interface InstalledComparison {
  version: string;
  buildDate: string;
  /** The checked pack is older: an installer asks before going back (rollback protection). */
  older: boolean;
}

function compareWithInstalled(packsDir: string, manifest: PackManifest): InstalledComparison | null {
  if (!isValidPackId(manifest.id)) return null;
  const installed = readInstalledManifest(installedPackFiles(packsDir, manifest.id));
  if (!installed) return null;
  return {
    version: installed.manifest.version,
    buildDate: installed.manifest.buildDate,
    older: compareVersions(manifest.version, installed.manifest.version) < 0,
  };
}

function trustFrom(options: VerifyOptions): PublisherTrust {
  if (options.publishers !== undefined) {
    try {
      return loadPublishers(options.publishers);
    } catch (error) {
      throw new CliFailure(errorMessage(error));
    }
  }
  const publishers = (options.key ?? []).map((file) => {
    const key = readPublicKeyFile(file);
    const name = publisherFromComment(readFileSync(file, 'utf8')) ?? `key ${keyIdHex(key.keyId)}`;
    return { name, key, via: 'pinned' as const };
  });
  return { publishers, unsignedPacks: 'confirm', unknownKeys: 'confirm' };
}

const STATE_TEXT: Record<PackPublisher['signature'], string> = {
  verified: 'signed by a trusted publisher',
  'unknown-key': 'signed by a key that is not trusted here',
  unsigned: 'NOT SIGNED (no .minisig beside the pack)',
};

/**
 * `corpus verify`: checks a pack completely (signature, structure, manifest, hash, database)
 * without installing anything. Prints who signed it and the manifest, then OK (or CONFIRM when
 * the installer would ask the user first), or the refusal with its code.
 */
export async function runVerify(packPath: string, options: VerifyOptions, io: CliIo): Promise<number> {
  const trust = trustFrom(options);
  let manifest: PackManifest;
  let publisher: PackPublisher;
  let decision: 'install' | 'confirm';
  try {
    ({ manifest, publisher, decision } = await verifyPackFile(packPath, trust));
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message }, null, 2)}\n`);
    } else {
      io.stdout.write(`REFUSED (${error.code}): ${error.message}\n`);
    }
    return EXIT_USAGE;
  }
  const installed = options.installed === undefined ? null : compareWithInstalled(options.installed, manifest);
  if (options.json) {
    const report = {
      ok: true,
      decision,
      publisher,
      manifest,
      ...(options.installed === undefined ? {} : { installed }),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = [
      packPath,
      `  publisher:   ${publisher.name ?? '(unknown)'}`,
      `  signature:   ${STATE_TEXT[publisher.signature]}`,
      `  key id:      ${publisher.keyId ?? '-'}`,
      `  fingerprint: ${publisher.fingerprint ?? '-'}`,
      `  id:          ${manifest.id}`,
      `  name:        ${manifest.name}`,
      `  version:     ${manifest.version}`,
      `  built:       ${manifest.buildDate}`,
      `  documents:   ${manifest.documentCount}`,
      `  schema:      ${manifest.schemaVersion}`,
      `  database:    ${manifest.database.bytes} bytes, SHA-256 ${manifest.database.sha256}`,
      ...(installed === null
        ? []
        : [
            `  installed:   version ${installed.version}, built ${installed.buildDate}`,
            ...(installed.older
              ? [
                  `OLDER: this is an older version than the one installed; the app refuses it unless the user explicitly chooses to go back to ${manifest.version}`,
                ]
              : []),
          ]),
      decision === 'install' ? 'OK' : 'CONFIRM: an installer with these publishers asks the user before installing it',
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT_OK;
}
