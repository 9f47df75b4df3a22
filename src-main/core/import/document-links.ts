import path from 'node:path';
import { normaliseUrlPath, postUrlPath } from './permalinks';
import type { DocumentLinks } from './references';
import type { RenderJob } from './render-document';

/**
 * Every lookup from paths, post slugs and permalinks to the ids of the documents being imported,
 * as plain pairs: built once in the main thread from all files (links need every file known) and
 * sent as is to the render workers, which rebuild the same lookups from it.
 */
export interface DocumentLinkTable {
  byPath: [string, string][];
  bySlug: [string, string][];
  byPermalink: [string, string][];
}

export function buildDocumentLinkTable(jobs: readonly RenderJob[]): DocumentLinkTable {
  const table: DocumentLinkTable = { byPath: [], bySlug: [], byPermalink: [] };
  for (const job of jobs) {
    table.byPath.push([resolvedPath(job.file.absolutePath), job.id]);
    if (job.content.kind !== 'post') continue;
    const siteRoot = job.site?.root ?? job.file.inputRoot;
    const stem = path.basename(job.file.absolutePath).replace(/\.[^.]+$/, '');
    table.bySlug.push([`${siteRoot}\n${stem}`, job.id]);
    const data = job.content.frontMatter.data;
    const urlPath = postUrlPath(
      {
        fileStem: stem,
        date: job.content.fields.date,
        categories: [job.content.fields.category, ...stringValues(data.categories)].filter(
          (value): value is string => !!value,
        ),
        permalink: typeof data.permalink === 'string' ? data.permalink : null,
        slug: typeof data.slug === 'string' ? data.slug : null,
      },
      job.site?.config.permalink,
    );
    table.byPermalink.push([`${siteRoot}\n${urlPath}`, job.id]);
  }
  return table;
}

/**
 * The path as `path.resolve` gives it, but the same string when it already is (source files' paths
 * are): the resolved copy was one more string per document, held until the import ends.
 */
function resolvedPath(absolutePath: string): string {
  const resolved = path.resolve(absolutePath);
  return resolved === absolutePath ? absolutePath : resolved;
}

/** The lookups over a table (later pairs win, as `Map` insertion would). */
export function documentLinksFrom(table: DocumentLinkTable): DocumentLinks {
  const byPath = new Map(table.byPath);
  const bySlug = new Map(table.bySlug);
  const byPermalink = new Map(table.byPermalink);
  return {
    byPath: (absolutePath) => byPath.get(path.resolve(absolutePath)) ?? null,
    byPostSlug: (siteRoot, slug) =>
      bySlug.get(`${siteRoot}\n${path.posix.basename(slug.trim()).replace(/\.(?:md|markdown|html)$/, '')}`) ?? null,
    byPermalink: (siteRoot, urlPath) => byPermalink.get(`${siteRoot}\n${normaliseUrlPath(urlPath)}`) ?? null,
  };
}

function stringValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? value.split(/\s+/) : [];
}
