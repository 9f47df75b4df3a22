import { existsSync } from 'node:fs';
import { openArchive, type Archive } from '../core/store/archive';
import { CliFailure } from './cli-failure';

/** Opens a corpus database for a CLI command, turning every failure into one sentence naming the file. */
export function openArchiveForCli(databasePath: string): Archive {
  if (!existsSync(databasePath)) throw new CliFailure(`cannot read ${databasePath}: no such file`);
  try {
    return openArchive(databasePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliFailure(`cannot open ${databasePath} as a corpus database: ${reason}`);
  }
}
