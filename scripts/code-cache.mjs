// Runs a CommonJS bundle with a V8 code cache, so a start reads the compiled code of its last
// run instead of parsing and compiling the bundle again. Node 20 keeps no compiled code of ES
// modules between starts (module.enableCompileCache arrived in Node 22.1), and compiling is a
// large part of browser mode's start: about 60 ms of CPU to the first page and 80-100 ms to the
// first search on a loaded 2-core machine (see README, "Start-up").
//
// The cache is written when the process exits, by which time it also holds every function the
// run compiled (its first page, its first search), not only the top level. It is kept beside
// the bundle (same trust as the bundle itself: a cache is code), named after the bundle's size
// and modification time and Node's version, so a rebuilt bundle or another Node never reads a
// stale one (V8 also refuses one it cannot use; the bundle then runs compiled from source and
// the cache is written afresh). Any failure to read or write the cache only costs the speed.
//
// V8 also keys a cache by the process's flags as they are when it is written: a bundle that sets
// a flag while it runs (browser mode's search pool sets --heap-growing-percent for the whole
// process) wrote, at exit, a cache that no fresh start could use, so every start compiled from
// source. Such flags are passed as `v8Flags`: set before the bundle is compiled, and set again
// just before the cache is written at exit, so the cache is always keyed by them. A bundle that
// should not run under them until it sets them itself (browser mode: its own thread's start,
// before the search pool) passes `startV8Flags`, set right after compiling: the cache was
// already checked by then.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

/** Part of every cache's name: bump it when the code around the bundle (the wrapper below) changes. */
const LOADER_VERSION = 1;

/** Folder of a bundle's code caches. */
export function codeCacheDir(bundle) {
  return path.join(path.dirname(bundle), 'code-cache');
}

/** The cache file for this bundle as it is now, on this Node. */
export function codeCacheFile(bundle) {
  const { size, mtimeMs } = statSync(bundle);
  const name = `${path.basename(bundle)}-${size}-${Math.trunc(mtimeMs)}-node${process.version}-${process.arch}-v${LOADER_VERSION}.v8cache`;
  return path.join(codeCacheDir(bundle), name);
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes beside then renames, and removes the caches of earlier bundles. */
function writeCache(file, data) {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, data);
    renameSync(partial, file);
    for (const name of readdirSync(path.dirname(file))) {
      if (name !== path.basename(file)) rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    // A read-only install or a full disk: the next start compiles from source, as without a cache.
  }
}

/**
 * Runs `bundle` (a CommonJS file) as `require` would, compiled with its code cache when there is
 * a usable one. Returns whether a cache was used (`false`: none yet, or V8 refused it).
 * `options.v8Flags`: the V8 flags the bundle sets while it runs (`v8.setFlagsFromString`), in
 * force whenever the cache is checked or written (see the top of this file).
 * `options.startV8Flags`: flags set once the bundle is compiled, for its start.
 */
export function runWithCodeCache(bundle, options = {}) {
  const setFlags = (flags) => {
    for (const flag of flags ?? []) v8.setFlagsFromString(flag);
  };
  setFlags(options.v8Flags);
  const file = codeCacheFile(bundle);
  const cachedData = readCache(file);
  // CommonJS's own wrapper, so the bundle sees exports, require, module, __filename and __dirname.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  setFlags(options.startV8Flags);
  if (!used)
    process.once('exit', () => {
      // A run that ended before the bundle set its flags would write a cache no start could use.
      setFlags(options.v8Flags);
      writeCache(file, script.createCachedData());
    });
  const module = { exports: {}, filename: bundle };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return used;
}
