import type { Delimiter, MarkdownIt, StateInline } from 'markdown-it';

/**
 * GFM strikes text through between single tildes too (`~tachado~`), not only double ones, and the
 * earlier remark pipeline did; markdown-it knows only `~~` (and would use two tildes of a longer run,
which GFM leaves as text). A run of exactly one tilde becomes a
 * delimiter whose marker no character has, so that markdown-it's own pairing (balance_pairs, which
 * matches equal markers) pairs single tildes only with single tildes, as GFM does; `~a~~` stays text.
 */
const SINGLE_TILDE = 0x7e + 0x10000;
const TILDE = 0x7e;

export function singleTildeStrikethrough(markdown: MarkdownIt): void {
  markdown.inline.ruler.before('strikethrough', 'strikethrough_single', tokenizeSingleTilde);
  // After balance_pairs (which ran before 'strikethrough') has paired the delimiters.
  markdown.inline.ruler2.before('strikethrough', 'strikethrough_single', (state) => {
    strikeMatchedPairs(state, state.delimiters);
    for (const meta of state.tokens_meta) if (meta?.delimiters) strikeMatchedPairs(state, meta.delimiters);
  });
}

function tokenizeSingleTilde(state: StateInline, silent: boolean): boolean {
  if (silent) return false;
  const start = state.pos;
  if (state.src.charCodeAt(start) !== TILDE) return false;
  const scanned = state.scanDelims(start, true);
  if (scanned.length === 2) return false; // markdown-it's own rule
  if (scanned.length > 2) {
    // GFM: a run of three or more tildes strikes nothing through (markdown-it would use two of them).
    state.push('text', '', 0).content = state.src.slice(start, start + scanned.length);
    state.pos += scanned.length;
    return true;
  }
  const token = state.push('text', '', 0);
  token.content = '~';
  state.delimiters.push({
    marker: SINGLE_TILDE,
    length: 0,
    token: state.tokens.length - 1,
    end: -1,
    open: scanned.can_open,
    close: scanned.can_close,
  });
  state.pos += 1;
  return true;
}

function strikeMatchedPairs(state: StateInline, delimiters: Delimiter[]): void {
  for (const opener of delimiters) {
    if (opener.marker !== SINGLE_TILDE || opener.end === -1) continue;
    const closer = delimiters[opener.end];
    const open = state.tokens[opener.token];
    const close = closer ? state.tokens[closer.token] : undefined;
    if (!open || !close) continue;
    open.type = 's_open';
    open.tag = 'del';
    open.nesting = 1;
    open.markup = '~';
    open.content = '';
    close.type = 's_close';
    close.tag = 'del';
    close.nesting = -1;
    close.markup = '~';
    close.content = '';
  }
}
