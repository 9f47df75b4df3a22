/**
 * The corpus command line's commands, as one function of its arguments and its output streams:
 * `main.ts` runs it on the process's own; tests run it in their process with streams that
 * collect the text (a command's behaviour, not the process boundary, is what most of them check).
 *
 * Exit codes: 0 ok, 1 bad usage, unreadable input or a refused pack, 2 nothing could be imported.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { BuildCommandOptions } from './build-command';
import { runSearch } from './search-command';
import { runShow } from './show-command';
import type { runPack } from './pack-command';
import type { runVerify } from './verify-command';
import type { WipeOptions } from './wipe-command';
// build, pack and verify are imported when run: they bring the whole import pipeline (Markdown,
// HTML, PDF), which a `corpus search` started cold must not load (see scripts/build-cli.mjs).
import { CliFailure, EXIT_OK, EXIT_USAGE } from './cli-failure';
import type { CliIo } from './cli-io';
// Keys, signing, publishers and wipe are imported when run too: they bring the signature code
// (noble's curves and hashes, minisign) and the notes' database code.
import type { runKeyNew, runKeyRotate, runKeyShow } from './key-command';
import type { runSign } from './sign-command';
import type { runPublishers } from './publishers-command';

/** An option's parser for a whole number of at least `min` (commander reports the refusal). */
function wholeNumberFrom(min: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return parsed;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The program's commands, writing to `io`; each action leaves its exit code in `ran`. */
function createProgram(io: CliIo, ran: { code: number }): Command {
  const program = new Command()
    .name('corpus')
    .description('Build, search and inspect corpus databases and archive packs of the offline archive reader.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  program
    .command('build')
    .description('import folders and files of documents into one corpus database')
    .argument('<inputs...>', 'folders (walked recursively) and files')
    .requiredOption('--out <file>', 'the corpus database to write (replaced atomically)')
    .option('--name <name>', 'corpus name shown in the app')
    .option('--version <version>', 'corpus version (default: the build date)')
    .option('--json', 'print one JSON document: {documents, byType, warnings, report}')
    .option(
      '--field <key=field>',
      'send a front-matter key to a field (title, description, place, category, tags, authors, extra, ignore); repeatable',
      collect,
    )
    .option(
      '--exclude <glob>',
      "leave out files matching a glob relative to each folder, e.g. '**/README*'; repeatable",
      collect,
    )
    .option(
      '--report',
      'after the summary, print what was lost or approximated file by file, then counts: undated documents, unmapped keys, repairs, embeds, exclusions',
    )
    .action(async (inputs: string[], options: BuildCommandOptions) => {
      const { runBuild } = await import('./build-command');
      ran.code = await runBuild(inputs, options, io);
    });

  program
    .command('search')
    .description('search a corpus database (an empty query or * lists all documents, newest first)')
    .argument('<db>', 'corpus database')
    .argument(
      '[query]',
      'Lunr query: words (all required), a OR b, "phrases", ' +
        'title: (título:), author: (autor:), tag: (etiqueta:), type: (tipo:), +required, -excluded, wild*, fuzzy~1',
      '',
    )
    .option('--type <type>', 'only this type (article, letter, other); repeatable', collect)
    .option('--tag <tag>', 'only documents with this tag; repeatable', collect)
    .option('--category <category>', 'only this category; repeatable', collect)
    .option('--author <author>', 'only this author or signatory; repeatable', collect)
    .option('--year <year>', 'only this year; repeatable', collect)
    .option('--from <date>', 'dated on or after YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--to <date>', 'dated on or before YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--sort <order>', 'relevance, date (newest first) or oldest', 'relevance')
    .option('--any', 'documents holding any of the words (OR), not every word')
    .option('--limit <n>', 'hits to show', wholeNumberFrom(1), 10)
    .option('--offset <n>', 'hits to skip', wholeNumberFrom(0), 0)
    .option('--json', 'print one JSON document: {total, hits, facets, notice}')
    .action((db: string, query: string, options: Parameters<typeof runSearch>[2]) => {
      ran.code = runSearch(db, query, options, io);
    });

  program
    .command('show')
    .description('show one document with its metadata')
    .argument('<db>', 'corpus database')
    .argument('<id>', 'document id (as printed by search)')
    .option('--json', 'print the whole stored document as JSON')
    .action((db: string, id: string, options: { json?: boolean }) => {
      ran.code = runShow(db, id, options, io);
    });

  program
    .command('pack')
    .description('build an archive pack (<name>.archive: a corpus database and its manifest) from folders and files')
    .argument('<inputs...>', 'folders (walked recursively) and files')
    .requiredOption('--out <file>', 'the pack file to write, ending in .archive (replaced atomically)')
    .option('--name <name>', "archive name shown in the app (default: the first folder's name)")
    .option('--version <version>', 'version, numbers separated by dots, e.g. 2026.1 (default: the build date)')
    .option('--id <id>', 'pack id, [a-z0-9-]; a newer pack with the same id replaces it (default: from the name)')
    .option('--sign <key>', "sign the pack with this publisher's secret key (writes <out>.minisig beside it)")
    .option(
      '--passphrase-file <file>',
      'read the secret key passphrase from this file (else $CORPUS_KEY_PASSPHRASE or a prompt)',
    )
    .option('--json', 'print one JSON document: {manifest, signature, documents, byType, warnings}')
    .action(async (inputs: string[], options: Parameters<typeof runPack>[1]) => {
      const { runPack } = await import('./pack-command');
      ran.code = await runPack(inputs, options, io);
    });

  program
    .command('verify')
    .description('check an archive pack completely without installing it')
    .argument('<pack>', 'the .archive file')
    .option('--publishers <file>', "an installer's publishers.json: check against its keys and policy")
    .option('--key <pub>', 'a trusted publisher public key file; repeatable', collect)
    .option('--installed <packs-dir>', 'compare with the version installed in this packs folder (rollback check)')
    .option('--json', 'print one JSON document: {ok, decision, publisher, manifest} or {ok: false, code, message}')
    .action(async (pack: string, options: Parameters<typeof runVerify>[1]) => {
      const { runVerify } = await import('./verify-command');
      ran.code = await runVerify(pack, options, io);
    });

  program
    .command('wipe')
    .description(
      "destroy the user's notes, backups and installed packs (overwritten, then deleted); close the app first",
    )
    .option('--user-data <dir>', 'the user-data folder (default: the one browser mode uses)')
    .option('--yes', 'do not ask for the typed confirmation')
    .option('--json', 'print one JSON document: {folder, files, bytes}')
    .action(async (options: WipeOptions) => {
      const { runWipe: wipe } = await import('./wipe-command');
      ran.code = await wipe(options, io);
    });

  const key = program.command('key').description("publisher keys (minisign's format) that sign packs");
  key
    .command('new')
    .description('create a key pair: the secret key encrypted with a passphrase, and the public key to pin')
    .option('--key <file>', 'the secret key file to write (never replaced)', 'publisher.key')
    .option('--pub <file>', "the public key file (default: the secret key's name with .pub)")
    .option('--name <name>', "the publisher's name, shown by installers that pin this key")
    .option('--passphrase-file <file>', 'read the passphrase from this file (else $CORPUS_KEY_PASSPHRASE or a prompt)')
    .option('--kdf-cost <cost>', "minisign (default: minisign's own, 1 GiB) or interactive (throwaway keys)")
    .option('--json', 'print one JSON document: {secretKey, publicKeyFile, keyId, fingerprint, publicKey}')
    .action(async (options: Parameters<typeof runKeyNew>[0]) => {
      const { runKeyNew: keyNew } = await import('./key-command');
      ran.code = await keyNew(options, io);
    });
  key
    .command('show')
    .description('print the key id and the fingerprint (to read aloud) of a public key file')
    .argument('<pub>', 'public key file')
    .option('--json', 'print one JSON document')
    .action(async (pub: string, options: Parameters<typeof runKeyShow>[1]) => {
      const { runKeyShow: keyShow } = await import('./key-command');
      ran.code = keyShow(pub, options, io);
    });
  key
    .command('rotate')
    .description('move to a new key: the old secret key signs a statement that installers pinning it accept')
    .requiredOption('--old <key>', 'the old secret key file')
    .requiredOption('--new <pub>', 'the new public key file')
    .requiredOption('--out <file>', 'the statement to write, ending in .rotation (put it beside the packs)')
    .option('--publisher <name>', "the publisher's name (default: from the new public key's comment)")
    .option('--passphrase-file <file>', "read the old key's passphrase from this file")
    .action(async (options: Parameters<typeof runKeyRotate>[0]) => {
      const { runKeyRotate: keyRotate } = await import('./key-command');
      ran.code = await keyRotate(options, io);
    });

  program
    .command('sign')
    .description('sign any file with a publisher key (writes <file>.minisig; minisign -Vm checks it)')
    .argument('<file>', 'the file to sign')
    .requiredOption('--key <key>', 'the secret key file')
    .option('--passphrase-file <file>', 'read the passphrase from this file')
    .action(async (file: string, options: Parameters<typeof runSign>[1]) => {
      const { runSign: sign } = await import('./sign-command');
      ran.code = await sign(file, options, io);
    });

  program
    .command('publishers')
    .description("write an installer's trusted publishers file (npm run dist -- --publisher-key uses it)")
    .requiredOption('--key <pub>', 'a publisher public key file; repeatable', collect)
    .requiredOption('--out <file>', 'the publishers.json to write')
    .option('--unsigned-packs <policy>', 'refuse or confirm (ask the user) unsigned packs', 'confirm')
    .option('--unknown-keys <policy>', 'refuse or confirm (ask the user) packs signed by other keys', 'confirm')
    .action(async (options: Parameters<typeof runPublishers>[0]) => {
      const { runPublishers: publishers } = await import('./publishers-command');
      ran.code = publishers(options, io);
    });

  return program;
}

/**
 * Runs `corpus <args>` (the arguments after the command's name) writing to `io`, and resolves
 * with the exit code; it never sets `process.exitCode` or exits, so it can run inside another program.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const ran = { code: EXIT_OK };
  const program = createProgram(io, ran);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return ran.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; everything else commander reports is bad usage.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`corpus: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`corpus: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}
