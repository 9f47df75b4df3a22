/**
 * Markdown seen as blocks of non-blank lines separated by blank lines: the granularity at which
 * PDF-conversion artefacts (stranded footnotes, page breaks, signature lists) are repaired before
 * the real Markdown parser runs.
 */
export type Block = string[];

export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

export function joinBlocks(blocks: Block[]): string {
  return blocks.map((block) => block.join('\n')).join('\n\n') + '\n';
}

export function isThematicBreak(block: Block): boolean {
  return block.length === 1 && /^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/.test(block[0] ?? '');
}

export function isHeading(block: Block): boolean {
  return block.length === 1 && /^\s{0,3}#{1,6}\s+\S/.test(block[0] ?? '');
}

/** Text of a line without Markdown heading marks, emphasis markers or hard-break markers. */
export function plainLine(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/\\$/, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

/** A block that is ordinary paragraph prose (not a heading, break, list, quote, fence or HTML). */
export function isParagraph(block: Block): boolean {
  const first = block[0] ?? '';
  return (
    !isHeading(block) && !isThematicBreak(block) && !/^\s{0,3}(?:[-*+>]\s|\d{1,3}[.)]\s|```|~~~|<\/?[a-z])/i.test(first)
  );
}
