import type { MarkdownIt, StateCore } from 'markdown-it';
import { isRecord } from '../../common/guards';

/**
 * GFM matches footnote labels without regard to case (`[^Nota]` calls `[^nota]: ...`), as the earlier
 * remark pipeline did; markdown-it-footnote matches them exactly. Its state is plain data in `env`,
 * so labels are folded there between its steps rather than by re-implementing the plugin:
 * - after block parsing, definition labels are folded and the label table folds every key it is
 *   asked for (the reference rule looks labels up as written in the text);
 * - after inline parsing, the labels of the notes called are folded, so that the plugin's last
 *   step (which moves each definition to the end) finds the definition under the same label.
 */
export function caseInsensitiveFootnoteLabels(markdown: MarkdownIt): void {
  markdown.core.ruler.after('block', 'footnote_labels_fold_definitions', foldDefinitionLabels);
  markdown.core.ruler.before('footnote_tail', 'footnote_labels_fold_calls', foldCalledLabels);
}

interface FootnoteState {
  refs?: Record<string, number>;
  list?: { label?: string }[];
}

const fold = (label: string): string => label.toLowerCase();

function footnotesOf(state: StateCore): FootnoteState | null {
  const footnotes = state.env['footnotes'];
  return typeof footnotes === 'object' && footnotes !== null ? footnotes : null;
}

function foldDefinitionLabels(state: StateCore): void {
  const footnotes = footnotesOf(state);
  if (!footnotes?.refs) return;
  const defined = new Set<string>();
  state.tokens.forEach((token, index) => {
    const meta: unknown = token.meta;
    if (token.type !== 'footnote_reference_open' || !isRecord(meta) || typeof meta.label !== 'string') return;
    const label = fold(meta.label);
    // A later definition of the same label is dropped, as in GFM (the plugin would keep the last):
    // under a label no reference can spell, it is never called.
    meta.label = defined.has(label) ? `\u0000duplicate-${index}` : label;
    defined.add(label);
  });
  const folded: Record<string, number> = {};
  // No prototype: a label such as "constructor" must not find Object's.
  Object.setPrototypeOf(folded, null);
  // Keys are ':' + label; the first definition of a label wins, as in GFM.
  for (const [key, value] of Object.entries(footnotes.refs)) if (!(fold(key) in folded)) folded[fold(key)] = value;
  footnotes.refs = new Proxy(folded, {
    get: (target, key) => (typeof key === 'string' ? target[fold(key)] : undefined),
    set: (target, key, value: number) => {
      if (typeof key === 'string') target[fold(key)] = value;
      return true;
    },
    has: (target, key) => typeof key === 'string' && fold(key) in target,
  });
}

function foldCalledLabels(state: StateCore): void {
  for (const note of footnotesOf(state)?.list ?? []) if (typeof note.label === 'string') note.label = fold(note.label);
}
