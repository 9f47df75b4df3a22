import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PackManifest, PackPublisher } from '../../common/library';
import { writeFileAtomically } from './installed-packs';
import { applyRotations, readRotationStatements, type RotationStatement } from './key-rotation';
import { createFileHasher } from './minisign';
import { judgePackSignature, parsePackComment, readPackSignature, refusalOfSignedPack } from './pack-signature';
import { readPack } from './pack-reader';
import { tmpdir } from 'node:os';
import { PackError } from './pack-error';
import type { PublisherTrust, TrustedKey } from './publishers';

/** Rotation statements the app accepted, kept so the next pack needs none on its stick. */
const ROTATIONS_FOLDER = 'key-rotations';

/**
 * The keys a pack may be verified against: the installer's pinned ones, plus those reached by
 * rotation statements kept from earlier installs or lying beside the pack on the stick.
 */
export function trustedKeysFor(
  trust: PublisherTrust,
  packsDir: string,
  packFolder: string,
): { keys: TrustedKey[]; usedStatements: RotationStatement[] } {
  const statements = [
    ...readRotationStatements(path.join(packsDir, ROTATIONS_FOLDER)),
    ...readRotationStatements(packFolder),
  ];
  const { keys, used } = applyRotations(trust.publishers, statements);
  return { keys, usedStatements: used };
}

/**
 * Whether a pack whose signature checked out as `publisher` may be installed: `install`,
 * `confirm` (the user must see the fingerprint first), or a `untrusted-publisher` refusal.
 * A signed comment that names another pack or version than the manifest is refused as well.
 */
export function decideTrust(
  trust: PublisherTrust,
  publisher: PackPublisher,
  manifest: PackManifest,
  packPath: string,
): 'install' | 'confirm' {
  if (publisher.trustedComment !== null && publisher.fingerprint !== null) {
    const signed = parsePackComment(publisher.trustedComment);
    if (
      (signed.pack !== undefined && signed.pack !== manifest.id) ||
      (signed.version !== undefined && signed.version !== manifest.version)
    ) {
      throw new PackError(
        'bad-signature',
        `${packPath}: its signature was made for pack ${signed.pack ?? '?'} version ${signed.version ?? '?'}, not for ${manifest.id} version ${manifest.version}.`,
        packPath,
      );
    }
  }
  if (publisher.signature === 'verified') return 'install';
  const policy = publisher.signature === 'unsigned' ? trust.unsignedPacks : trust.unknownKeys;
  if (policy === 'confirm') return 'confirm';
  throw new PackError(
    'untrusted-publisher',
    publisher.signature === 'unsigned'
      ? `${packPath} is not signed (no ${path.basename(packPath)}.minisig beside it), and this installer only accepts packs signed by its publishers.`
      : `${packPath} is signed by key ${publisher.keyId ?? '?'}${publisher.fingerprint ? ` (fingerprint ${publisher.fingerprint})` : ''}, which this installer does not trust.`,
    packPath,
  );
}

/** Keeps the rotation statements an install relied on, so later packs need none beside them. */
export function keepRotationStatements(packsDir: string, statements: readonly RotationStatement[]): void {
  if (statements.length === 0) return;
  const folder = path.join(packsDir, ROTATIONS_FOLDER);
  mkdirSync(folder, { recursive: true });
  for (const statement of statements) {
    const name = `${createHash('sha256').update(statement.text).digest('hex').slice(0, 16)}.rotation`;
    writeFileAtomically(path.join(folder, name), statement.text);
  }
}

/**
 * Checks a pack file completely without installing it (the `verify` command): its signature
 * against `trust` (plus rotation statements beside it), then its structure, manifest and database.
 * Throws a PackError; `decision` says what an installer with this trust would do.
 */
export async function verifyPackFile(
  packPath: string,
  trust: PublisherTrust,
): Promise<{ manifest: PackManifest; publisher: PackPublisher; decision: 'install' | 'confirm' }> {
  const { keys } = applyRotations(trust.publishers, readRotationStatements(path.dirname(path.resolve(packPath))));
  const signatureFile = readPackSignature(packPath);
  const hasher = createFileHasher();
  const verified = await readPack(packPath, {
    workDir: path.join(tmpdir(), 'archivo-pack-check'),
    onBytes: (chunk) => {
      hasher.update(chunk);
    },
  }).catch(async (refusal: unknown) => {
    throw await refusalOfSignedPack(refusal, packPath, signatureFile, keys);
  });
  verified.discard();
  const { manifest } = verified;
  const publisher = judgePackSignature(packPath, signatureFile, hasher.digest(), keys);
  return { manifest, publisher, decision: decideTrust(trust, publisher, manifest, packPath) };
}
