import { ApiError } from '../../../common/errors';
import { EncryptedExportRefusedError, isEncryptedExport, openExport, sealExport } from './encrypted-envelope';

export { sealExport };

/** The code the page words as "this file is encrypted: type its passphrase". */
export const PASSPHRASE_NEEDED_CODE = 'passphrase-needed';
/** The same code the notes' lock uses: the page words both alike. */
export const WRONG_PASSPHRASE_CODE = 'wrong-passphrase';

/**
 * The text to import: a sealed export is opened with its passphrase first; any other text is
 * returned as it is. Nothing is written here, so a refusal leaves the notes untouched.
 */
export function openSealedImport(text: string, passphrase: string | undefined): string {
  if (!isEncryptedExport(text)) return text;
  if (passphrase === undefined)
    throw new ApiError(
      'InvalidArgument',
      'This export is encrypted: give the passphrase it was saved with. Nothing was imported.',
      PASSPHRASE_NEEDED_CODE,
    );
  try {
    return openExport(text, passphrase).content;
  } catch (error) {
    if (error instanceof EncryptedExportRefusedError)
      throw new ApiError('InvalidArgument', error.message, WRONG_PASSPHRASE_CODE);
    throw new ApiError('InvalidArgument', error instanceof Error ? error.message : String(error));
  }
}
