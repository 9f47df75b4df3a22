import type { PackManifest } from '../common/library';
import { checkPack, PackError } from '../core/packs/index';
import { EXIT_OK, EXIT_USAGE } from './cli-failure';

/**
 * `corpus verify`: checks a pack completely (structure, manifest, hash, database) without
 * installing anything. Prints the manifest and OK, or the refusal with its code.
 */
export async function runVerify(packPath: string, options: { json?: boolean }): Promise<number> {
  let manifest: PackManifest;
  try {
    manifest = await checkPack(packPath);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message }, null, 2)}\n`);
    } else {
      process.stdout.write(`REFUSED (${error.code}): ${error.message}\n`);
    }
    return EXIT_USAGE;
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, manifest }, null, 2)}\n`);
  } else {
    const lines = [
      packPath,
      `  id:          ${manifest.id}`,
      `  name:        ${manifest.name}`,
      `  version:     ${manifest.version}`,
      `  built:       ${manifest.buildDate}`,
      `  documents:   ${manifest.documentCount}`,
      `  schema:      ${manifest.schemaVersion}`,
      `  database:    ${manifest.database.bytes} bytes, SHA-256 ${manifest.database.sha256}`,
      'OK',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT_OK;
}
