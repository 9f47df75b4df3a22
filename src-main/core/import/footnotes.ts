import { isParagraph, isThematicBreak, type Block } from './blocks';

const DEFINITION_START = /^\s*<sup>\s*(\d{1,3})\s*<\/sup>\s*(.*)$/;
const MARKER = /<sup>\s*(\d{1,3})\s*<\/sup>/g;
/** A paragraph that ends like this has finished its sentence; anything else was cut by a page break. */
const SENTENCE_END = /[.!?:;…"”»)\]]\s*$/;

export interface FootnoteRepair {
  blocks: Block[];
  /** GFM footnote definitions (`[^1]: ...`) to append after the body. */
  definitions: Block[];
}

/**
 * PDF-to-Markdown conversion leaves footnotes as `<sup>1</sup>` markers whose definitions sit where
 * the page ended, often after a `---` page break and in the middle of a sentence:
 *
 *     ...dependencias del Ejecutivo
 *     ---
 *     <sup>1</sup> Reporte de CitizenLab ...
 *     Federal que buscaron disminuir...
 *
 * This turns markers into GFM references (`[^1]`), moves each definition to the end as `[^1]: ...`
 * (so the Markdown parser links marker and note both ways), drops the page break and joins the cut sentence.
 * A `<sup>N</sup>` paragraph counts as a definition only if the same number is also used as a marker.
 */
export function repairFootnotes(input: Block[]): FootnoteRepair {
  const markers = new Set<string>();
  const isDefinition = input.map((block) => DEFINITION_START.test(block[0] ?? ''));
  input.forEach((block, index) => {
    if (isDefinition[index]) return;
    for (const match of block.join('\n').matchAll(MARKER)) if (match[1]) markers.add(match[1]);
  });

  const blocks: Block[] = [];
  const definitions: Block[] = [];
  /** Set right after definitions were lifted out from between two pieces of one sentence. */
  let joinNext = false;
  for (let index = 0; index < input.length; index += 1) {
    const block = input[index] ?? [];
    const start = DEFINITION_START.exec(block[0] ?? '');
    if (start?.[1] && markers.has(start[1])) {
      definitions.push([
        `[^${start[1]}]: ${start[2] ?? ''}`,
        ...block.slice(1).map((line) => `    ${line.trimStart()}`),
      ]);
      // Drop the page break that preceded the note, and remember whether the sentence before it was cut.
      if (blocks.length > 0 && isThematicBreak(blocks[blocks.length - 1] ?? [])) blocks.pop();
      const previous = blocks[blocks.length - 1];
      joinNext =
        previous !== undefined && isParagraph(previous) && !SENTENCE_END.test(previous[previous.length - 1] ?? '');
      continue;
    }
    if (joinNext && isThematicBreak(block)) continue; // a page break after the note as well
    const previous = blocks[blocks.length - 1];
    if (joinNext && previous && isParagraph(block)) {
      const last = previous.pop() ?? '';
      const [first = '', ...rest] = block;
      previous.push(`${last.replace(/\s+$/, '')} ${first.trimStart()}`, ...rest);
    } else {
      blocks.push([...block]);
    }
    joinNext = false;
  }

  return {
    blocks: blocks.map((block) =>
      block.map((line) =>
        line.replace(MARKER, (whole, number: string) =>
          markers.has(number) && definitions.some((d) => d[0]?.startsWith(`[^${number}]:`)) ? `[^${number}]` : whole,
        ),
      ),
    ),
    definitions,
  };
}
