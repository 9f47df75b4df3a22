import { setKdfIterationsForTests } from '../../src-main/core/userdata/user-database-cipher';

/**
 * The notes-at-rest key derivation's iteration count in tests of the code paths around
 * encryption (switching, locking, backups, SIGKILLs mid-switch): what those tests check does not
 * depend on how slow PBKDF2 is, and at SQLCipher 4's 256,000 iterations every open costs about a
 * second of CPU. tests/unit/userdata/encryption.test.ts proves the shipped files use SQLCipher
 * 4's own count. No vitest here: the SIGKILL writers, bundled as plain Node programs, use it too.
 */
export const TEST_KDF_ITERATIONS = 1_000;

/** Lowers this process's key derivations to TEST_KDF_ITERATIONS; returns the count before, to restore. */
export function useTestKdfIterations(): number {
  return setKdfIterationsForTests(TEST_KDF_ITERATIONS);
}
