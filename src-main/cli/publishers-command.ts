import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../core/packs/installed-packs';
import { keyIdHex, publicKeyBase64, publisherFromComment } from '../core/packs/minisign';
import { formatPublishers, PUBLISHERS_FORMAT } from '../core/packs/publishers';
import { CliFailure, EXIT_OK } from './cli-failure';
import type { CliIo } from './cli-io';
import { readPublicKeyFile } from './key-files';

export interface PublishersOptions {
  key: string[];
  out: string;
  unsignedPacks: string;
  unknownKeys: string;
}

function policy(value: string, option: string): 'refuse' | 'confirm' {
  if (value === 'refuse' || value === 'confirm') return value;
  throw new CliFailure(`${option} ${value}: use refuse or confirm`);
}

/**
 * `corpus publishers --key PUB... --out publishers.json`: the list of trusted publishers an
 * installer carries (`npm run dist -- --publisher-key PUB` calls it).
 */
export function runPublishers(options: PublishersOptions, io: CliIo): number {
  if (options.key.length === 0) throw new CliFailure('give at least one --key PUB (a publisher public key file)');
  const publishers = options.key.map((file) => {
    const key = readPublicKeyFile(file);
    const name = publisherFromComment(readFileSync(file, 'utf8')) ?? `key ${keyIdHex(key.keyId)}`;
    return { name, publicKey: publicKeyBase64(key) };
  });
  const content = formatPublishers({
    format: PUBLISHERS_FORMAT,
    formatVersion: 1,
    unsignedPacks: policy(options.unsignedPacks, '--unsigned-packs'),
    unknownKeys: policy(options.unknownKeys, '--unknown-keys'),
    publishers,
  });
  writeFileAtomically(path.resolve(options.out), content);
  io.stdout.write(
    `Trusted publishers (${publishers.map((entry) => entry.name).join(', ')}) written to ${options.out}\n`,
  );
  return EXIT_OK;
}
