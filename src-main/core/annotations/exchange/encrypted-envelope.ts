import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import * as z from 'zod';
import type { AnnotationExport } from './export';

/**
 * A passphrase-protected export (issue 17): any export's text sealed in a small JSON envelope,
 * with nothing but node:crypto.
 *
 *   {
 *     "format": "archivo-offline-encrypted-export", "version": 1,
 *     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": <16 bytes, base64> },
 *     "cipher": { "name": "AES-256-GCM", "iv": <12 bytes, base64>, "tag": <16 bytes, base64> },
 *     "contentType": "application/ld+json", "extension": "jsonld",
 *     "ciphertext": <base64>
 *   }
 *
 * The key is scrypt(passphrase as UTF-8, salt, 32 bytes, N/r/p as written): memory-hard, the
 * parameters OWASP recommends. AES-256-GCM encrypts the UTF-8 export and authenticates, as
 * additional data, every field above except iv, tag and ciphertext (serialised with the keys in
 * that order), so a wrong passphrase and an altered file are both refused. The envelope itself
 * shows the format, the content type and the size, nothing else. Anyone can open it with the
 * passphrase and a few lines of any language's standard crypto library.
 */

export const ENCRYPTED_EXPORT_FORMAT = 'archivo-offline-encrypted-export' as const;
export const ENCRYPTED_EXPORT_EXTENSION = 'archivo-cifrado.json';
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/** scrypt needs 128·N·r bytes; Node refuses above 32 MiB unless told. */
const SCRYPT_MAX_MEMORY = 256 * 1024 * 1024;
const MAX_SCRYPT_N = 2 ** 20;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
const envelopeSchema = z.object({
  format: z.literal(ENCRYPTED_EXPORT_FORMAT),
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(MAX_SCRYPT_N),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64,
  }),
  cipher: z.object({ name: z.literal('AES-256-GCM'), iv: base64, tag: base64 }),
  contentType: z.string().max(200),
  extension: z.string().max(40),
  ciphertext: base64,
});
type Envelope = z.infer<typeof envelopeSchema>;

/** The passphrase does not open the file, or the file was altered: nothing was imported. */
export class EncryptedExportRefusedError extends Error {
  constructor() {
    super('The passphrase does not open this encrypted export, or the file was altered. Nothing was imported.');
    this.name = 'EncryptedExportRefusedError';
  }
}

export function sealExport(exported: AnnotationExport, passphrase: string): AnnotationExport {
  if (passphrase === '') throw new Error('An encrypted export needs a passphrase');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = {
    format: ENCRYPTED_EXPORT_FORMAT,
    version: 1 as const,
    kdf: { name: 'scrypt' as const, ...SCRYPT, salt: salt.toString('base64') },
    contentType: exported.mime,
    extension: exported.extension,
  };
  const key = deriveKey(passphrase, salt, SCRYPT);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(authenticatedData(header));
    const ciphertext = Buffer.concat([cipher.update(exported.content, 'utf8'), cipher.final()]);
    const envelope: Envelope = {
      ...header,
      cipher: { name: 'AES-256-GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
      ciphertext: ciphertext.toString('base64'),
    };
    return {
      content: `${JSON.stringify(envelope, null, 2)}\n`,
      mime: 'application/json',
      extension: ENCRYPTED_EXPORT_EXTENSION,
    };
  } finally {
    key.fill(0);
  }
}

/** True when `text` is one of these envelopes (by its format field), whatever its validity. */
export function isEncryptedExport(text: string): boolean {
  return text.trimStart().startsWith('{') && text.includes(`"${ENCRYPTED_EXPORT_FORMAT}"`);
}

/** The export's original text. Throws EncryptedExportRefusedError, or a message naming the bad field. */
export function openExport(text: string, passphrase: string): AnnotationExport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The encrypted export is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const checked = envelopeSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`The encrypted export is not valid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const envelope = checked.data;
  const { cipher: sealed, ciphertext, ...header } = envelope;
  const key = deriveKey(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(authenticatedData(header));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
    return { content: plain.toString('utf8'), mime: header.contentType, extension: header.extension };
  } catch {
    throw new EncryptedExportRefusedError();
  } finally {
    key.fill(0);
  }
}

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  return scryptSync(Buffer.from(passphrase, 'utf8'), salt, 32, { ...cost, maxmem: SCRYPT_MAX_MEMORY });
}

function authenticatedData(header: Omit<Envelope, 'cipher' | 'ciphertext'>): Buffer {
  const { format, version, kdf, contentType, extension } = header;
  return Buffer.from(
    JSON.stringify({
      format,
      version,
      kdf: { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt },
      contentType,
      extension,
    }),
    'utf8',
  );
}
