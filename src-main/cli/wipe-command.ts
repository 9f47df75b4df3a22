import { createInterface } from 'node:readline/promises';
import path from 'node:path';
import { defaultUserDataFolder } from '../core/userdata/default-folder';
import { NotUserDataFolderError, wipeUserData, type WipeReport } from '../core/userdata/wipe';
import { CliFailure, EXIT_OK, EXIT_USAGE } from './cli-failure';
import type { CliIo } from './cli-io';

export interface WipeOptions {
  userData?: string;
  /** Skip the typed confirmation (scripts, a panic button). */
  yes?: boolean;
  json?: boolean;
}

/** The word a person types to confirm, so a stray Enter never destroys notes. */
const CONFIRMATION_WORD = 'BORRAR';

/**
 * `corpus wipe`: destroys the notes, their backups and everything else in the user-data
 * folder (see wipeUserData), after the user types BORRAR — or at once with --yes. Without a
 * terminal to ask and without --yes it refuses, so a script cannot wipe by accident.
 */
export async function runWipe(options: WipeOptions, io: CliIo): Promise<number> {
  const folder = path.resolve(options.userData ?? defaultUserDataFolder());
  if (options.yes !== true) {
    if (!process.stdin.isTTY)
      throw new CliFailure(`refusing to wipe ${folder} without confirmation: add --yes`, EXIT_USAGE);
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await prompt.question(
        `Se borrarán para siempre las notas, sus copias de seguridad y los paquetes de ${folder}.\n` +
          `All notes, their backups and the packs in that folder will be destroyed.\n` +
          `Escriba ${CONFIRMATION_WORD} para confirmar / type ${CONFIRMATION_WORD} to confirm: `,
      );
      if (answer.trim() !== CONFIRMATION_WORD) {
        io.stderr.write('Nada se borró. / Nothing was removed.\n');
        return EXIT_USAGE;
      }
    } finally {
      prompt.close();
    }
  }
  let report: WipeReport;
  try {
    report = wipeUserData(folder);
  } catch (error) {
    if (error instanceof NotUserDataFolderError) throw new CliFailure(error.message, EXIT_USAGE);
    throw error;
  }
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else if (report.files.length === 0) {
    io.stdout.write(`Nothing to remove: ${folder} does not exist.\n`);
  } else {
    io.stdout.write(
      `Removed ${report.files.length} files (${report.bytes} bytes, overwritten before deletion) and the folder ${folder}:\n`,
    );
    for (const file of report.files) io.stdout.write(`  ${file}\n`);
  }
  return EXIT_OK;
}
