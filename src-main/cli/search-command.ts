import { searchRequestSchema, describeValidationError } from '../common/api-schemas';
import type { SearchRequest, SearchResponse } from '../common/types';
import { CliFailure, EXIT_OK } from './cli-failure';
import type { CliIo } from './cli-io';
import { openArchiveForCli } from './open-database';

export interface SearchCommandOptions {
  type?: string[];
  tag?: string[];
  category?: string[];
  author?: string[];
  year?: string[];
  from?: string;
  to?: string;
  sort: string;
  /** Any of the words (OR) instead of every word. */
  any?: boolean;
  limit: number;
  offset: number;
  json?: boolean;
}

/** `corpus search`: the same search the app runs, printed for people or as JSON for scripts. */
export function runSearch(databasePath: string, query: string, options: SearchCommandOptions, io: CliIo): number {
  const request = toSearchRequest(query, options);
  const archive = openArchiveForCli(databasePath);
  try {
    const response = archive.search(request);
    io.stdout.write(
      options.json
        ? `${JSON.stringify(toJsonShape(response), null, 2)}\n`
        : formatForPeople(response, request, io.stdout.isTTY),
    );
  } finally {
    archive.close();
  }
  return EXIT_OK;
}

function toSearchRequest(query: string, options: SearchCommandOptions): SearchRequest {
  const candidate = {
    query,
    filters: {
      type: options.type,
      tag: options.tag,
      category: options.category,
      author: options.author,
      year: options.year?.map(Number),
      from: options.from,
      to: options.to,
    },
    sort: options.sort,
    match: options.any === true ? 'any' : 'all',
    limit: options.limit,
    offset: options.offset,
  };
  const parsed = searchRequestSchema.safeParse(candidate);
  if (!parsed.success) throw new CliFailure(describeValidationError(parsed.error).replace('filters.', '--'));
  return parsed.data;
}

/** The documented `--json` shape; extra fields of the API stay out so scripts see a stable interface. */
function toJsonShape(response: SearchResponse): object {
  return {
    total: response.total,
    hits: response.hits.map((hit) => ({
      id: hit.id,
      title: hit.title,
      type: hit.type,
      date: hit.date,
      score: hit.score,
      snippet: hit.snippet,
    })),
    facets: response.facets,
    notice: response.notice ? response.notice.message : null,
    match: response.match ?? 'all',
    suggestion: response.suggestion ?? null,
  };
}

function formatForPeople(response: SearchResponse, request: SearchRequest, bold: boolean): string {
  const lines: string[] = [];
  if (response.notice) lines.push(`Note: ${response.notice.message}`);
  const first = (request.offset ?? 0) + 1;
  const last = (request.offset ?? 0) + response.hits.length;
  lines.push(response.total === 0 ? 'No documents found.' : `${response.total} documents; showing ${first}–${last}.`);
  if (response.suggestion !== undefined) lines.push(`Did you mean: ${response.suggestion}`);
  for (const hit of response.hits) {
    const people = hit.type === 'letter' && hit.signatories.length > 0 ? hit.signatories : hit.authors;
    lines.push('');
    lines.push(hit.title);
    lines.push(
      `  ${hit.type} · ${hit.date ?? 'undated'}${people.length > 0 ? ` · ${people.join(', ')}` : ''} · id ${hit.id}`,
    );
    if (hit.snippet) lines.push(`  ${snippetForTerminal(hit.snippet, bold)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Snippets are HTML with <mark>; a terminal shows marks as bold where it can, as [brackets] where not. */
function snippetForTerminal(snippet: string, bold: boolean): string {
  return snippet
    .replace(/<mark>/g, bold ? '\u001b[1m' : '[')
    .replace(/<\/mark>/g, bold ? '\u001b[22m' : ']')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
