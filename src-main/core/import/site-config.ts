import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from './decode';
import { parseYamlData } from './safe-yaml';
import type { WarningLog } from './warnings';

/** A Jekyll site: the folder holding `_config.yml` and the configuration read from it. */
export interface JekyllSite {
  root: string;
  config: Record<string, unknown>;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Finds and caches `_config.yml` files. A post's site is the nearest folder with a `_config.yml`,
 * looking up from the post's folder to the input root's parent and no further (a corpus must not
 * pick up configuration from wherever it happens to sit on disk).
 */
export class SiteConfigs {
  private readonly byFolder = new Map<string, JekyllSite | null>();
  /**
   * The answer for a document's folder under an input, once walked: every post of a `_posts`
   * folder asks the same question, and the walk's `path.relative` per level was most of the time
   * the main thread spent replaying 10,000 recognitions, with the render worker waiting for it.
   * The first walk from a folder reads (and warns about) the configurations it finds, as before.
   */
  private readonly byDocumentFolder = new Map<string, JekyllSite | null>();

  constructor(private readonly warnings: WarningLog) {}

  siteFor(documentPath: string, inputRoot: string): JekyllSite | null {
    const stop = path.dirname(inputRoot);
    const start = path.dirname(documentPath);
    const key = `${stop}\0${start}`;
    const known = this.byDocumentFolder.get(key);
    if (known !== undefined) return known;
    const site = this.walk(start, stop);
    this.byDocumentFolder.set(key, site);
    return site;
  }

  /** The nearest site from `start` up to `stop`. */
  private walk(start: string, stop: string): JekyllSite | null {
    let folder = start;
    for (;;) {
      const site = this.siteAt(folder);
      if (site) return site;
      if (folder === stop || folder === path.dirname(folder) || !isInside(folder, stop)) return null;
      folder = path.dirname(folder);
    }
  }

  private siteAt(folder: string): JekyllSite | null {
    const cached = this.byFolder.get(folder);
    if (cached !== undefined) return cached;
    const file = path.join(folder, '_config.yml');
    let site: JekyllSite | null = null;
    if (existsSync(file)) {
      const label = `${path.basename(folder)}/_config.yml`;
      const warn = this.warnings.forFile(label);
      try {
        if (statSync(file).size > MAX_CONFIG_BYTES) {
          warn('_config.yml is larger than 1 MB and was ignored');
          site = { root: folder, config: {} };
        } else {
          const decoded = decodeText(readFileSync(file));
          if (decoded.invalidUtf8) warn('not valid UTF-8; decoded with replacement characters');
          site = { root: folder, config: parseYamlData(decoded.text, 1, warn) };
        }
      } catch (error) {
        warn(`_config.yml could not be read: ${error instanceof Error ? error.message : String(error)}`);
        site = { root: folder, config: {} };
      }
    }
    this.byFolder.set(folder, site);
    return site;
  }
}

export function isInside(candidate: string, folder: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
