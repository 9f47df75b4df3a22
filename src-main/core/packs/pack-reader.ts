import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBrotliDecompress, type BrotliDecompress } from 'node:zlib';
import type { ReadEntry } from 'tar';
import type { PackManifest } from '../../common/library';
import type { CorpusInfo } from '../../common/types';
import { checkPackDatabase } from './database-check';
import { DATABASE_ENTRY, MANIFEST_ENTRY, MAX_DATABASE_BYTES, MAX_MANIFEST_BYTES, parseManifest } from './manifest';
import { PackError } from './pack-error';
import { isUstarHeader } from './ustar';
import { errorMessage } from '../../common/guards';

export interface ReadPackOptions {
  /**
   * Folder that receives the extracted database (as a hidden temp file). Put it on the same
   * file system as the final place so that installing is one atomic rename.
   */
  workDir: string;
  /** Sees every byte of the pack file as it is read (the signature's hash, computed on the same pass). */
  onBytes?: (chunk: Uint8Array) => void;
}

/** A pack that passed every check, its database extracted to a temp file. */
export interface VerifiedPack {
  manifest: PackManifest;
  /** What the extracted database itself says (name, version, counts). */
  info: CorpusInfo;
  /** The extracted database; rename it into place, or call `discard()`. */
  databasePath: string;
  /** Deletes the extracted database (when it was not moved). Safe to call twice. */
  discard(): void;
}

const READ_CHUNK = 1024 * 1024;

/**
 * Reads and verifies a pack file completely before anything may use it: tar structure
 * (exactly manifest.json then the database entry the manifest names, regular files, sizes
 * within limits), manifest fields, the database's size and SHA-256 (hashed while streaming it
 * out, after brotli in a format-2 pack, which may not inflate past the size its manifest
 * declares), then the database itself (a corpus of this app's schema and analyzer,
 * `PRAGMA quick_check`).
 * Every refusal is a `PackError`; on refusal nothing is left in `workDir`.
 */
export async function readPack(packPath: string, options: ReadPackOptions): Promise<VerifiedPack> {
  mkdirSync(options.workDir, { recursive: true });
  const databasePath = path.join(options.workDir, `.incoming-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  const discard = (): void => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  };
  try {
    const manifest = await extractPack(packPath, databasePath, options.onBytes);
    const info = checkPackDatabase(databasePath, manifest, packPath);
    return { manifest, info, databasePath, discard };
  } catch (error) {
    discard();
    throw error;
  }
}

/** Verifies a pack without keeping anything (the `verify` command): the manifest, or a PackError. */
export async function checkPack(packPath: string): Promise<PackManifest> {
  const verified = await readPack(packPath, { workDir: path.join(tmpdir(), 'archivo-pack-check') });
  verified.discard();
  return verified.manifest;
}

async function extractPack(
  packPath: string,
  databasePath: string,
  onBytes?: (chunk: Uint8Array) => void,
): Promise<PackManifest> {
  const file = path.resolve(packPath);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new PackError('not-a-pack', `${file} cannot be read: ${errorMessage(error)}.`, file);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new PackError('not-a-pack', `${file} is not a regular file.`, file);
    if (stats.size === 0) throw new PackError('not-a-pack', `${file} is empty, not an archive pack.`, file);

    // The first header block decides whether this is a tar at all, before node-tar (which
    // would also unzip gzip or brotli input) sees a byte.
    const first = Buffer.alloc(512);
    const { bytesRead } = await handle.read(first, 0, 512, 0);
    if (!(await isUstarHeader(first.subarray(0, bytesRead)))) {
      if (bytesRead < 512 && first.subarray(0, bytesRead).toString('latin1').startsWith(MANIFEST_ENTRY)) {
        throw new PackError(
          'truncated',
          `${file} ends after ${bytesRead} bytes, inside its first header: the file was cut off.`,
          file,
        );
      }
      throw new PackError(
        'not-a-pack',
        `${file} is not an archive pack (it is not a tar file; zip files and other formats are not packs).`,
        file,
      );
    }

    const extraction = new PackExtraction(file, databasePath);
    // Loaded on the first pack read (a start of the server or the app reads none).
    const { Parser } = await import('tar');
    const parser = new Parser({ strict: true, onReadEntry: (entry) => extraction.onEntry(entry) });
    // The first fault the parser reports stops reading (a damaged 4 GB file is not read to its end).
    let stopped: Error | null = null;
    const isStopped = () => stopped !== null;
    const finished = new Promise<void>((resolve, reject) => {
      const stop = (error: Error): void => {
        stopped ??= extraction.failure ?? error;
        reject(stopped);
      };
      parser.on('error', (error: Error) => stop(classifyTarError(error, file)));
      parser.on('abort', (error: Error) => stop(classifyTarError(error, file)));
      parser.on('ignoredEntry', (entry: ReadEntry) =>
        stop(new PackError('not-a-pack', `${file} holds an entry this app does not accept ("${entry.path}").`, file)),
      );
      parser.on('end', () => resolve());
    });
    // A rejection before we await it must not become an unhandled rejection.
    finished.catch(() => undefined);

    const buffer = Buffer.alloc(READ_CHUNK);
    let position = 0;
    for (;;) {
      if (extraction.currentFailure() || isStopped()) break;
      const { bytesRead: read } = await handle.read(buffer, 0, READ_CHUNK, position);
      if (read === 0) break;
      position += read;
      onBytes?.(buffer.subarray(0, read));
      // The parser copies what it keeps; entries are written synchronously as they arrive.
      parser.write(Buffer.from(buffer.subarray(0, read)));
      // A compressed database inflates behind the reads: wait rather than queue the whole file.
      await extraction.room();
    }
    const failedWhileReading = extraction.currentFailure();
    if (failedWhileReading) {
      parser.abort(failedWhileReading);
      extraction.close();
      throw failedWhileReading;
    }
    // Read through a call: the parser's callbacks may have set it while we awaited reads.
    if (!isStopped()) parser.end();
    try {
      await finished;
      await extraction.inflated();
    } finally {
      extraction.close();
    }
    const failedWhileWriting = extraction.currentFailure();
    if (failedWhileWriting) throw failedWhileWriting;
    return extraction.result();
  } finally {
    await handle.close();
  }
}

function classifyTarError(error: Error, file: string): PackError {
  if (error instanceof PackError) return error;
  if (/truncated/i.test(error.message)) {
    return new PackError(
      'truncated',
      `${file} ends before its contents do: the file was cut off (copy it again).`,
      file,
    );
  }
  return new PackError('tampered', `${file} is damaged: ${error.message.replace(/^TAR_\w+: /, '')}.`, file);
}

/** The state of one pass over a pack's entries. */
class PackExtraction {
  /** A PackError when the pack is at fault; a plain Error when this machine is (disk full). */
  failure: Error | null = null;

  /** The first write failure so far; a call, so a check after an await is not narrowed away. */
  currentFailure(): Error | null {
    return this.failure;
  }

  private entries = 0;

  private manifest: PackManifest | null = null;

  private manifestChunks: Buffer[] = [];

  private databaseFd: number | null = null;

  private databaseBytes = 0;

  private databaseDone = false;

  /** Set in a format-2 pack: the database entry's bytes go through it. */
  private inflater: BrotliDecompress | null = null;

  /** Whether the database entry ended (all its compressed bytes went to the inflater). */
  private entryEnded = false;

  private readonly hash = createHash('sha256');

  constructor(
    private readonly file: string,
    private readonly databasePath: string,
  ) {}

  onEntry(entry: ReadEntry): void {
    this.entries += 1;
    if (this.failure) {
      entry.resume();
      return;
    }
    try {
      this.accept(entry);
    } catch (error) {
      this.fail(error);
      entry.resume();
    }
  }

  private accept(entry: ReadEntry): void {
    // The manifest (entry 1) has been parsed when entry 2 arrives: it names the database entry.
    const databaseEntry = this.manifest?.database.file ?? DATABASE_ENTRY;
    const expected = this.entries === 1 ? MANIFEST_ENTRY : this.entries === 2 ? databaseEntry : null;
    if (expected === null) {
      throw new PackError(
        'not-a-pack',
        `${this.file} holds more than manifest.json and ${databaseEntry} (extra entry "${entry.path}").`,
        this.file,
      );
    }
    if (entry.path !== expected) {
      throw new PackError(
        'not-a-pack',
        `${this.file} is not an archive pack: entry ${this.entries} is "${entry.path}", expected ${expected}.`,
        this.file,
      );
    }
    if (entry.type !== 'File' && entry.type !== 'OldFile') {
      throw new PackError('not-a-pack', `${this.file}: ${expected} is a ${entry.type}, not a regular file.`, this.file);
    }
    if (expected === MANIFEST_ENTRY) {
      if (entry.size > MAX_MANIFEST_BYTES) {
        throw new PackError(
          'bad-manifest',
          `${this.file}: manifest.json is ${entry.size} bytes, more than the ${MAX_MANIFEST_BYTES} allowed.`,
          this.file,
        );
      }
      entry.on('data', (chunk: Buffer) => this.manifestChunks.push(chunk));
      entry.on('end', () => {
        try {
          this.manifest = parseManifest(Buffer.concat(this.manifestChunks), this.file);
        } catch (error) {
          this.fail(error);
        }
      });
      return;
    }
    const manifest = this.manifest;
    if (manifest === null)
      throw new PackError('bad-manifest', `${this.file}: manifest.json could not be read.`, this.file);
    if (entry.size > MAX_DATABASE_BYTES) {
      throw new PackError(
        'not-a-pack',
        `${this.file}: ${expected} is ${entry.size} bytes, more than the 4 GB allowed.`,
        this.file,
      );
    }
    const declared =
      manifest.database.file === DATABASE_ENTRY ? manifest.database.bytes : manifest.database.compressedBytes;
    if (entry.size !== declared) {
      throw new PackError(
        'tampered',
        `${this.file}: ${expected} is ${entry.size} bytes but the manifest says ${declared}; the pack was damaged or altered.`,
        this.file,
      );
    }
    this.databaseFd = openSync(this.databasePath, 'wx', 0o600);
    if (manifest.database.file === DATABASE_ENTRY) {
      entry.on('data', (chunk: Buffer) => {
        this.writeDatabase(chunk);
      });
      entry.on('end', () => {
        this.databaseDone = true;
      });
      return;
    }
    const inflater = createBrotliDecompress();
    this.inflater = inflater;
    inflater.on('data', (chunk: Buffer) => {
      this.writeDatabase(chunk);
    });
    inflater.on('end', () => {
      this.databaseDone = true;
    });
    inflater.on('error', (error: Error) => {
      this.fail(
        new PackError(
          'tampered',
          `${this.file} is damaged: ${expected} cannot be decompressed (${error.message}); the pack was damaged or altered.`,
          this.file,
        ),
      );
    });
    entry.on('data', (chunk: Buffer) => {
      if (!this.failure) inflater.write(chunk);
    });
    entry.on('end', () => {
      this.entryEnded = true;
      inflater.end();
    });
  }

  /** Hashes and writes the database's next bytes; more than the manifest declares is tampering. */
  private writeDatabase(chunk: Buffer): void {
    if (this.failure || this.databaseFd === null) return;
    const declared = this.manifest?.database.bytes ?? 0;
    if (this.databaseBytes + chunk.length > declared) {
      this.fail(
        new PackError(
          'tampered',
          `${this.file}: the database is longer than the ${declared} bytes its manifest says; the pack was damaged or altered.`,
          this.file,
        ),
      );
      this.inflater?.destroy();
      return;
    }
    try {
      this.hash.update(chunk);
      writeSync(this.databaseFd, chunk);
      this.databaseBytes += chunk.length;
    } catch (error) {
      this.fail(
        new Error(`Cannot extract ${this.file} into ${path.dirname(this.databasePath)}: ${errorMessage(error)}`),
      );
    }
  }

  /** Resolves when the inflater can take more input (at once for a format-1 pack or after a failure). */
  async room(): Promise<void> {
    const inflater = this.inflater;
    if (inflater === null || !inflater.writableNeedDrain || this.failure || inflater.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        inflater.off('drain', done).off('close', done).off('error', done);
        resolve();
      };
      inflater.on('drain', done).on('close', done).on('error', done);
    });
  }

  /**
   * Resolves once every byte of a fully read database entry has been inflated and written. An
   * entry cut off (a truncated file) or a failure stops the inflater instead: result() says why.
   */
  async inflated(): Promise<void> {
    const inflater = this.inflater;
    if (inflater === null) return;
    if (!this.entryEnded || this.failure || inflater.destroyed) {
      inflater.destroy();
      return;
    }
    if (inflater.readableEnded) return;
    await new Promise<void>((resolve) => {
      inflater.once('end', resolve).once('close', resolve);
    });
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
  }

  close(): void {
    this.inflater?.destroy();
    if (this.databaseFd !== null) {
      try {
        if (!this.failure) fsyncSync(this.databaseFd);
      } finally {
        closeSync(this.databaseFd);
        this.databaseFd = null;
      }
    }
  }

  result(): PackManifest {
    const manifest = this.manifest;
    if (manifest === null)
      throw new PackError(
        'truncated',
        `${this.file} ends before its manifest.json does: the file was cut off.`,
        this.file,
      );
    if (this.entries < 2 || !this.databaseDone) {
      throw new PackError(
        'truncated',
        `${this.file} ends before its corpus.sqlite: the file was cut off (copy it again).`,
        this.file,
      );
    }
    if (this.databaseBytes !== manifest.database.bytes && this.inflater !== null) {
      // Every compressed byte arrived, yet they inflate to less: altered, not cut off.
      throw new PackError(
        'tampered',
        `${this.file}: the database inflates to ${this.databaseBytes} bytes, not the ${manifest.database.bytes} its manifest says; the pack was damaged or altered.`,
        this.file,
      );
    }
    if (this.databaseBytes !== manifest.database.bytes) {
      throw new PackError(
        'truncated',
        `${this.file}: corpus.sqlite has ${this.databaseBytes} of its ${manifest.database.bytes} bytes: the file was cut off.`,
        this.file,
      );
    }
    const sha256 = this.hash.digest('hex');
    if (sha256 !== manifest.database.sha256) {
      throw new PackError(
        'tampered',
        `${this.file}: the database's SHA-256 does not match the manifest; the pack was damaged or altered after it was made.`,
        this.file,
      );
    }
    return manifest;
  }
}
