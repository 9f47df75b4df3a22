import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { MinisignFormatError, parsePublicKey, type PublicKey } from './minisign';
import { errorCode, errorMessage } from '../../common/guards';

/**
 * Which publishers an installer trusts, and what it does with packs from anyone else. The file
 * (`publishers.json`) is written by `npm run dist -- --publisher-key PUB` beside the bundled
 * corpus, in the installer's resources, where the app reads it at start.
 *
 * - `refuse`: never installed.
 * - `confirm`: installed only after the user confirms a warning that shows the key's fingerprint
 *   (or says that nobody signed it). An installer without a publishers file behaves so: with no
 *   publisher to check against, only the person holding the stick can vouch for it.
 */
export type UntrustedPackPolicy = 'refuse' | 'confirm';

export const PUBLISHERS_FORMAT = 'archivo-sin-conexion-publishers';
export const PUBLISHERS_FILE = 'publishers.json';

export interface TrustedKey {
  /** The publisher's name as the librarian pinned it. */
  name: string;
  key: PublicKey;
  /** `pinned` in the installer, or reached from a pinned key through signed rotation statements. */
  via: 'pinned' | 'rotation';
}

export interface PublisherTrust {
  publishers: TrustedKey[];
  unsignedPacks: UntrustedPackPolicy;
  unknownKeys: UntrustedPackPolicy;
}

/**
 * What an installer without a publishers file does: every pack is unsigned or from an unknown
 * key, so each asks first (the warning shows the key's fingerprint, if it has one).
 */
export const NO_PINNED_PUBLISHERS: PublisherTrust = {
  publishers: [],
  unsignedPacks: 'confirm',
  unknownKeys: 'confirm',
};

const policySchema = z.enum(['refuse', 'confirm']);
const publishersSchema = z.strictObject({
  format: z.literal(PUBLISHERS_FORMAT),
  formatVersion: z.literal(1),
  unsignedPacks: policySchema,
  unknownKeys: policySchema,
  publishers: z.array(z.strictObject({ name: z.string().min(1).max(200), publicKey: z.string() })).min(1),
});

export type PublishersFile = z.infer<typeof publishersSchema>;

/** Parses a publishers file; every fault names the file and the field. */
export function parsePublishers(text: string, source: string): PublisherTrust {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON (${errorMessage(error)}).`, { cause: error });
  }
  const parsed = publishersSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new Error(`${source}: field "${field}" is wrong: ${issue?.message ?? 'invalid'}.`);
  }
  const publishers = parsed.data.publishers.map((entry, index) => {
    try {
      return { name: entry.name, key: parsePublicKey(entry.publicKey, `${source} publishers.${index}`), via: 'pinned' };
    } catch (error) {
      if (error instanceof MinisignFormatError) throw new Error(error.message, { cause: error });
      throw error;
    }
  });
  return {
    publishers: publishers.map((entry) => ({ ...entry, via: 'pinned' as const })),
    unsignedPacks: parsed.data.unsignedPacks,
    unknownKeys: parsed.data.unknownKeys,
  };
}

/**
 * Reads the installer's publishers file. A missing file means no pinned publishers (see
 * `NO_PINNED_PUBLISHERS`); a damaged one is an error, never a silent "trust everyone".
 */
export function loadPublishers(file: string | null): PublisherTrust {
  if (file === null) return NO_PINNED_PUBLISHERS;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return NO_PINNED_PUBLISHERS;
    throw new Error(`The publishers file ${file} cannot be read: ${errorMessage(error)}`, { cause: error });
  }
  return parsePublishers(text, file);
}

/** The file content `npm run dist` writes. */
export function formatPublishers(file: PublishersFile): string {
  return `${JSON.stringify(publishersSchema.parse(file), null, 2)}\n`;
}
