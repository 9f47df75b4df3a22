import path from 'node:path';
import { ApiError } from '../../common/errors';
import { MIN_NEW_PASSPHRASE_LENGTH } from '../../common/passphrase-schema';
import { USER_DATABASE_FILE } from './file-names';
import { openUserData, type UserData } from './user-data';
import { isEncryptedDatabaseFile, WrongPassphraseError, type UserDataKey } from './user-database-cipher';

/** Said by every notes call while encrypted notes are locked. */
export const USER_DATA_LOCKED =
  'Your notes are encrypted and locked: give the passphrase to open them. Nothing was changed.';

/**
 * The lock of encrypted user data, for the annotation service: whether the notes start locked,
 * opening them with a passphrase, closing them again (which drops the passphrase: the user
 * database is closed and the only copy of the key, the handle's, is overwritten), and turning
 * encryption on or off. Every refusal is an ApiError with a code the UI words:
 * `locked`, `wrong-passphrase`, `weak-passphrase`, `not-encrypted`.
 */
export class UserDataLock {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = path.join(dir, USER_DATABASE_FILE);
  }

  startsLocked(): boolean {
    return isEncryptedDatabaseFile(this.file);
  }

  encrypted(opened: UserData | null): boolean {
    return opened ? opened.encrypted : isEncryptedDatabaseFile(this.file);
  }

  /** The open notes, or the `locked` refusal. */
  opened(userData: UserData | null): UserData {
    if (userData === null) throw new ApiError('Unavailable', USER_DATA_LOCKED, 'locked');
    return userData;
  }

  async unlock(passphrase: string): Promise<UserData> {
    return withKey(passphrase, async (key) => {
      try {
        return await openUserData(this.dir, { key });
      } catch (error) {
        throw refusal(error) ?? error;
      }
    });
  }

  lock(userData: UserData | null): void {
    if (userData === null) return;
    if (!userData.encrypted)
      throw new ApiError(
        'InvalidArgument',
        'Only encrypted notes can be locked: turn encryption on first.',
        'not-encrypted',
      );
    userData.close();
  }

  /**
   * On: `current` null, `next` the new passphrase. Off: `current` the passphrase, `next` null.
   * Returns the reopened notes, and the error when the switch failed: a refusal (wrong or weak
   * passphrase) leaves `userData` open and unchanged; a later failure (disk full) leaves every
   * file complete, old or new, and the notes reopened with whichever key the file now has.
   */
  async switchEncryption(
    userData: UserData,
    current: string | null,
    next: string | null,
  ): Promise<{ opened: UserData; error: Error | null }> {
    if (next !== null && Array.from(next).length < MIN_NEW_PASSPHRASE_LENGTH)
      throw new ApiError(
        'InvalidArgument',
        `A passphrase needs at least ${MIN_NEW_PASSPHRASE_LENGTH} characters; several words are best.`,
        'weak-passphrase',
      );
    return withKey(current, (currentKey) =>
      withKey(next, async (nextKey) => {
        try {
          return { opened: await userData.switchEncryption(currentKey, nextKey), error: null };
        } catch (error) {
          const refused = refusal(error);
          if (refused) return { opened: userData, error: refused }; // nothing changed, still open
          const key = isEncryptedDatabaseFile(this.file) ? (nextKey ?? currentKey) : null;
          const reason = error instanceof Error ? error : new Error(String(error));
          return { opened: await openUserData(this.dir, { backup: false, key }), error: reason };
        }
      }),
    );
  }
}

function refusal(error: unknown): ApiError | null {
  if (error instanceof WrongPassphraseError)
    return new ApiError(
      'InvalidArgument',
      'That passphrase does not open your notes. Nothing was changed.',
      'wrong-passphrase',
    );
  return null;
}

/** Runs `use` with the passphrase's bytes, overwritten with zeros afterwards whatever happens. */
async function withKey<T>(passphrase: string | null, use: (key: UserDataKey | null) => Promise<T>): Promise<T> {
  const key = passphrase === null ? null : Buffer.from(passphrase, 'utf8');
  try {
    return await use(key);
  } finally {
    key?.fill(0);
  }
}
