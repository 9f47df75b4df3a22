import { blake2b } from '@noble/hashes/blake2.js';
import type { PublicKey } from './minisign';

const GROUPS = 5;
const GROUP_BYTES = 5;

/**
 * A fingerprint a person can read aloud over the phone: five groups of five digits derived
 * from the public key itself (BLAKE2b-256), so unlike minisign's random key id it cannot be
 * chosen to match another key. About 83 bits: enough to compare two keys by voice.
 */
export function keyFingerprint(key: PublicKey): string {
  const digest = blake2b(key.publicKey, { dkLen: 32 });
  const groups: string[] = [];
  for (let group = 0; group < GROUPS; group += 1) {
    let value = 0;
    for (let i = 0; i < GROUP_BYTES; i += 1) value = value * 256 + (digest[group * GROUP_BYTES + i] ?? 0);
    groups.push(String(value % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}
