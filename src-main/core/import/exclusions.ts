import path from 'node:path';
import picomatch from 'picomatch';
import { readArchiveConfig, type ArchiveConfig } from './archive-config';
import type { FieldMap } from './field-mapping';
import type { Recognised } from './recognise';
import { SiteConfigs, type JekyllSite } from './site-config';
import type { SourceFile } from './source-files';
import { WarningLog } from './warnings';

/** A test of paths relative to some folder (posix separators). */
type Matcher = (relativePath: string) => boolean;

/**
 * Globs over paths relative to a folder input (`--exclude`, `archivo.yml`'s `exclude:`): `**\/README*`
 * also matches a README at the top. Dot files are matched too (a librarian who names them means them).
 */
export function globMatcher(globs: readonly string[]): Matcher | null {
  if (globs.length === 0) return null;
  return picomatch([...globs], { dot: true });
}

/**
 * Jekyll's `exclude:` in `_config.yml`: each entry names a file or folder relative to the site root,
 * or a glob (Jekyll matches entries with File.fnmatch and as path prefixes); everything inside an
 * excluded folder is excluded.
 */
export function jekyllExcludeMatcher(site: JekyllSite): Matcher | null {
  const raw = site.config.exclude;
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(
    (entry): entry is string => typeof entry === 'string' && entry.trim() !== '',
  );
  if (entries.length === 0) return null;
  const globs = entries.flatMap((entry) => {
    const clean = entry
      .trim()
      .replace(/^\.?\//, '')
      .replace(/\/+$/, '');
    return [clean, `${clean}/**`];
  });
  return picomatch(globs, { dot: true });
}

/** `absolutePath` relative to `folder`, with posix separators. */
export function relativePosix(folder: string, absolutePath: string): string {
  return path.relative(folder, absolutePath).split(path.sep).join('/');
}

/** A README-style name (`README`, `readme.md`, `LEEME.txt`): the notes a tool or author leaves in folders. */
const README_NAME = /^(?:readme|l[eé]eme)(?:\.[a-z0-9]+)?$/i;

/**
 * The README-style files without front matter whose content occurs more than once among `candidates`
 * (hundreds of identical READMEs in `_posts` are a template's leftovers, not documents).
 */
export function repeatedReadmes<T extends Pick<Recognised, 'sha256' | 'content'> & { file: SourceFile }>(
  candidates: readonly T[],
): Set<T> {
  const readmes = candidates.filter(
    (candidate) => candidate.content.kind !== 'post' && README_NAME.test(path.basename(candidate.file.absolutePath)),
  );
  const copies = new Map<string, number>();
  for (const readme of readmes) copies.set(readme.sha256, (copies.get(readme.sha256) ?? 0) + 1);
  return new Set(readmes.filter((readme) => (copies.get(readme.sha256) ?? 0) > 1));
}

/** The files an import keeps, and the field mapping of each input folder. */
export interface FileSelection {
  files: SourceFile[];
  /** By `SourceFile.inputRoot`: archivo.yml's `fields:` with the build's own mapping over it. */
  fieldMaps: Map<string, FieldMap>;
}

/**
 * Whether a path is one of `outputs` or a temporary file of one (`<output>.tmp-…`, `.staging-…`:
 * a build still writing, or one that was interrupted; see core/store/abandoned-build-files.ts).
 * Without this, a second build into a folder it imports read its first database as an input
 * ("binary file; skipped") and a running one's temporary file too.
 */
function ownOutputMatcher(outputs: readonly string[]): (absolutePath: string) => boolean {
  if (outputs.length === 0) return () => false;
  return (absolutePath) =>
    outputs.some(
      (output) =>
        absolutePath === output ||
        absolutePath.startsWith(`${output}.tmp-`) ||
        absolutePath.startsWith(`${output}.staging-`),
    );
}

/**
 * Leaves out the build's own outputs, the files excluded by `--exclude` globs, `archivo.yml`'s
 * `exclude:` (both relative to the folder input) and the `exclude:` of the Jekyll site a file
 * belongs to, each with a warning
 * (code `excluded`). Site configurations are read here with a log of their own: their warnings are
 * reported once, where the import has always reported them.
 */
export function selectFiles(
  files: readonly SourceFile[],
  options: { fields?: FieldMap; exclude?: readonly string[]; ownOutputs?: readonly string[] },
  warnings: WarningLog,
): FileSelection {
  const isOwnOutput = ownOutputMatcher(options.ownOutputs ?? []);
  const configs = new Map<string, ArchiveConfig>();
  const matchers = new Map<string, Matcher | null>();
  const siteMatchers = new Map<JekyllSite, Matcher | null>();
  const sites = new SiteConfigs(new WarningLog());
  const fieldMaps = new Map<string, FieldMap>();
  const kept: SourceFile[] = [];
  for (const file of files) {
    if (isOwnOutput(file.absolutePath)) {
      warnings.add(file.source, 'left out: written by this build', undefined, 'excluded');
      continue;
    }
    let config = configs.get(file.inputRoot);
    if (!config) {
      config = readArchiveConfig(file.inputRoot, warnings);
      configs.set(file.inputRoot, config);
      fieldMaps.set(file.inputRoot, { ...config.fields, ...options.fields });
      matchers.set(file.inputRoot, globMatcher([...config.exclude, ...(options.exclude ?? [])]));
    }
    const byGlob = matchers.get(file.inputRoot)?.(relativePosix(file.inputRoot, file.absolutePath)) === true;
    const site = byGlob ? null : sites.siteFor(file.absolutePath, file.inputRoot);
    let bySite = false;
    if (site) {
      if (!siteMatchers.has(site)) siteMatchers.set(site, jekyllExcludeMatcher(site));
      bySite = siteMatchers.get(site)?.(relativePosix(site.root, file.absolutePath)) === true;
    }
    if (byGlob || bySite) {
      warnings.add(
        file.source,
        bySite ? "left out: listed in the site's _config.yml exclude" : 'left out: matches an exclude glob',
        undefined,
        'excluded',
      );
      continue;
    }
    kept.push(file);
  }
  return { files: kept, fieldMaps };
}
