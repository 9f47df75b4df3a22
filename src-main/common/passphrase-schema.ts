import * as z from 'zod';

/** A passphrase for encrypted user data: any text, bounded so a request cannot carry megabytes. */
export const MAX_PASSPHRASE_LENGTH = 1024;
export const MIN_NEW_PASSPHRASE_LENGTH = 8;

export const passphraseSchema = z.string().min(1, 'the passphrase is empty').max(MAX_PASSPHRASE_LENGTH);
