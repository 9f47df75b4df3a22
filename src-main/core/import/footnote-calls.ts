import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { isRecord } from '../../common/guards';

/**
 * GFM renders the notes the document calls: those referenced from its text, then those referenced
 * from notes already called, numbered in that order. markdown-it-footnote also counts references
 * inside definitions nobody calls (a note's reference to itself, or a forgotten definition's to
 * another note), which would render notes whose only way back leads to nothing. After the plugin
 * has built its section, this keeps exactly the called notes, numbered in GFM's order.
 */
export function onlyCalledFootnotes(markdown: MarkdownIt): void {
  markdown.core.ruler.after('footnote_tail', 'footnote_called_only', keepCalledNotes);
}

/** The plugin's metadata of a footnote token (markdown-it types it `any`). */
function metaOf(token: Token): Record<string, unknown> {
  const meta: unknown = token.meta;
  return isRecord(meta) ? meta : {};
}

function idOf(token: Token): number {
  const id = metaOf(token).id;
  return typeof id === 'number' ? id : -1;
}

/** Sets one field of a footnote token's metadata, keeping the plugin's others. */
function setMeta(token: Token, field: 'id' | 'subId', value: number): void {
  const meta: unknown = token.meta;
  if (isRecord(meta)) meta[field] = value;
  else token.meta = { [field]: value };
}

function keepCalledNotes(state: StateCore): void {
  const tokens = state.tokens;
  const blockOpen = tokens.findIndex((token) => token.type === 'footnote_block_open');
  if (blockOpen === -1) return;
  let blockClose = blockOpen + 1;
  /** Each note's tokens, footnote_open to footnote_close, by the plugin's id. */
  const notes = new Map<number, Token[]>();
  while (blockClose < tokens.length && tokens[blockClose]?.type !== 'footnote_block_close') {
    const open = tokens[blockClose];
    let close = blockClose;
    while (close < tokens.length && tokens[close]?.type !== 'footnote_close') close += 1;
    if (open) notes.set(idOf(open), tokens.slice(blockClose, close + 1));
    blockClose = close + 1;
  }

  // Calls in GFM's order: the text first, then each called note's content, in the order called.
  // A note's n-th call (in that order) gets `-n` on its id and its n-th way back.
  const order: number[] = [];
  const calls = new Map<number, number>();
  const collectCalls = (range: Token[]): void => {
    for (const token of range) {
      for (const child of token.children ?? []) {
        if (child.type !== 'footnote_ref') continue;
        const id = idOf(child);
        const count = calls.get(id) ?? 0;
        if (count === 0) order.push(id);
        calls.set(id, count + 1);
        setMeta(child, 'subId', count);
      }
    }
  };
  collectCalls(tokens.slice(0, blockOpen));
  for (let index = 0; index < order.length; index += 1) collectCalls(notes.get(order[index] ?? -1) ?? []);

  const renumbered = new Map(order.map((id, index) => [id, index]));
  for (const token of tokens.slice(0, blockOpen)) {
    for (const child of token.children ?? []) {
      const id = child.type === 'footnote_ref' ? renumbered.get(idOf(child)) : undefined;
      if (id !== undefined) setMeta(child, 'id', id);
    }
  }
  const kept = order.flatMap((id, index) =>
    withBackReferences(state, notes.get(id) ?? [], index, calls.get(id) ?? 0, renumbered),
  );
  const block =
    kept.length > 0
      ? [tokens[blockOpen], ...kept, tokens[blockClose]].filter((token): token is Token => token !== undefined)
      : [];
  state.tokens = [...tokens.slice(0, blockOpen), ...block, ...tokens.slice(blockClose + 1)];
}

/**
 * A note's tokens with its new number and one way back per call, placed as the plugin places them:
 * inside the last paragraph when the note ends with one, else after its content.
 */
function withBackReferences(
  state: StateCore,
  note: Token[],
  id: number,
  calls: number,
  renumbered: Map<number, number>,
): Token[] {
  const open = note[0];
  if (!open || calls === 0) return [];
  const label = metaOf(open).label;
  open.meta = { ...metaOf(open), id };
  const content = note.slice(1, -1).filter((token) => token.type !== 'footnote_anchor');
  for (const token of content) {
    for (const child of token.children ?? []) {
      const renumberedId = child.type === 'footnote_ref' ? renumbered.get(idOf(child)) : undefined;
      if (renumberedId !== undefined) setMeta(child, 'id', renumberedId);
    }
  }
  const anchors = Array.from({ length: calls }, (_, subId) => {
    const anchor = new state.Token('footnote_anchor', '', 0);
    anchor.meta = { id, subId, label };
    return anchor;
  });
  const last = content[content.length - 1];
  const body =
    last?.type === 'paragraph_close' ? [...content.slice(0, -1), ...anchors, last] : [...content, ...anchors];
  return [open, ...body, ...note.slice(-1)];
}
