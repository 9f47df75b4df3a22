import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../core/packs/installed-packs';
import { formatSignature, publicKeyBase64 } from '../core/packs/minisign';
import { blake2bFile, signatureFileFor } from '../core/packs/pack-signature';
import { CliFailure, EXIT_OK } from './cli-failure';
import type { CliIo } from './cli-io';
import { readSecretKeyFile } from './key-files';
import type { PassphraseSource } from './passphrase';

/**
 * `corpus sign FILE --key KEY`: a minisign signature `FILE.minisig` of any file (dist signs the
 * installers' SHA256SUMS.txt with it); `minisign -Vm FILE -p KEY.pub` checks it.
 */
export async function runSign(file: string, options: PassphraseSource & { key: string }, io: CliIo): Promise<number> {
  if (!existsSync(file)) throw new CliFailure(`cannot read ${file}: no such file`);
  const key = await readSecretKeyFile(options.key, options);
  const comment = `timestamp:${Math.floor(Date.now() / 1000)}\tfile:${path.basename(file)}\thashed`;
  const signature = formatSignature(
    key,
    await blake2bFile(file),
    comment,
    `archivo publisher key ${publicKeyBase64(key)}`,
  );
  const out = signatureFileFor(file);
  writeFileAtomically(out, signature);
  io.stdout.write(`Signed ${file}: ${out}\n`);
  return EXIT_OK;
}
