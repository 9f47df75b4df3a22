import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { isatty } from 'node:tty';
import { CliFailure } from './cli-failure';
import { errorMessage } from '../common/guards';

/** Scripts give the passphrase in this variable (or a file) instead of typing it. */
export const PASSPHRASE_ENV = 'CORPUS_KEY_PASSPHRASE';

export interface PassphraseSource {
  passphraseFile?: string;
}

/**
 * The passphrase of a secret key: `--passphrase-file` (its first line), else $CORPUS_KEY_PASSPHRASE,
 * else typed at a prompt that does not echo (twice when `confirm`, for a new key), else the first
 * line of standard input when it is not a terminal (as minisign reads it).
 */
export async function readPassphrase(source: PassphraseSource, prompt: string, confirm = false): Promise<string> {
  if (source.passphraseFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(source.passphraseFile, 'utf8');
    } catch (error) {
      throw new CliFailure(`--passphrase-file ${source.passphraseFile} cannot be read: ${errorMessage(error)}`);
    }
    return nonEmpty(text.split(/\r?\n/)[0] ?? '', `--passphrase-file ${source.passphraseFile}`);
  }
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined) return nonEmpty(fromEnv, `$${PASSPHRASE_ENV}`);
  const first = nonEmpty(await askHidden(prompt), 'the passphrase');
  if (confirm && isatty(process.stdin.fd)) {
    if ((await askHidden('Repeat the passphrase: ')) !== first) throw new CliFailure('the two passphrases differ');
  }
  return first;
}

function nonEmpty(passphrase: string, where: string): string {
  if (passphrase === '') throw new CliFailure(`${where} is empty: a secret key needs a passphrase`);
  return passphrase;
}

/** One line from the terminal without echoing it (or from piped standard input). */
function askHidden(prompt: string): Promise<string> {
  // Asked of the descriptor: `process.stdin.isTTY` is undefined for a pipe, whatever its type says.
  const interactive = isatty(process.stdin.fd);
  if (interactive) process.stderr.write(prompt);
  const silent = new Writable({
    write: (_chunk, _encoding, done) => {
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: interactive });
  return new Promise((resolve, reject) => {
    let answered = false;
    reader.once('line', (line) => {
      answered = true;
      if (interactive) process.stderr.write('\n');
      reader.close();
      resolve(line);
    });
    reader.once('close', () => {
      if (!answered) reject(new CliFailure('no passphrase given (use --passphrase-file or $' + PASSPHRASE_ENV + ')'));
    });
  });
}
