import { isHeading, plainLine, type Block } from './blocks';
import { parseDateline, spanishLongDate } from './spanish-dates';

export interface LetterFields {
  place: string | null;
  date: string;
  addressee: string | null;
  signatories: string[];
  title: string;
}

export interface LetterAnalysis {
  fields: LetterFields;
  /** The blocks with the signature list rewritten as one `div.signatories` of lines (no headings). */
  blocks: Block[];
}

/** How far from the top a dateline may be (non-blank lines). */
const DATELINE_WINDOW = 12;
const CLOSING_WORDS =
  /^(?:atentamente|cordialmente|sinceramente|respetuosamente|saludos|firman|suscriben|sin otro particular)\b/i;
const FUNCTION_WORDS = new Set([
  'y',
  'e',
  'o',
  'u',
  'de',
  'del',
  'la',
  'las',
  'el',
  'los',
  'en',
  'que',
  'a',
  'al',
  'con',
  'por',
  'para',
  'un',
  'una',
  'se',
  'su',
  'sus',
]);
const MAX_TITLE_ADDRESSEE = 80;

/**
 * Recognises a letter among documents without front matter: a dateline near the top gives place
 * and date; the first heading after it (or a short line, in plain text) is the addressee; the block
 * of short name lines that ends the text are the signatories. Returns null when there is no dateline.
 */
export function analyseLetter(blocks: Block[]): LetterAnalysis | null {
  const dateline = findDateline(blocks);
  if (!dateline) return null;
  const { blockIndex, place, date } = dateline;

  let addressee: string | null = null;
  let addresseeIndex = blockIndex;
  for (let index = blockIndex + 1; index < Math.min(blocks.length, blockIndex + 4); index += 1) {
    const block = blocks[index] ?? [];
    if (isHeading(block)) {
      addressee = plainLine(block[0] ?? '') || null;
      addresseeIndex = index;
      break;
    }
  }
  if (addressee === null) {
    const next = blocks[blockIndex + 1];
    const line = next && next.length === 1 ? plainLine(next[0] ?? '') : '';
    if (line && line.length <= 150 && !/[.,;]$/.test(line) && blocks.length > blockIndex + 2) {
      addressee = line.replace(/:$/, '');
      addresseeIndex = blockIndex + 1;
    }
  }

  const signature = findSignatureBlocks(blocks, addresseeIndex + 2);
  const rewritten = signature ? [...blocks.slice(0, signature.start), ...signatureMarkup(signature.names)] : blocks;
  const longDate = spanishLongDate(date);
  const title = addressee
    ? `Carta a ${shorten(addressee)} (${longDate})`
    : place
      ? `Carta desde ${place} (${longDate})`
      : `Carta del ${longDate}`;
  return {
    fields: { place, date, addressee, signatories: signature?.names ?? [], title },
    blocks: rewritten,
  };
}

function findDateline(blocks: Block[]): { blockIndex: number; place: string | null; date: string } | null {
  let seen = 0;
  for (let blockIndex = 0; blockIndex < blocks.length && seen < DATELINE_WINDOW; blockIndex += 1) {
    for (const line of blocks[blockIndex] ?? []) {
      seen += 1;
      const parsed = parseDateline(line);
      if (parsed) return { blockIndex, place: parsed.place, date: parsed.date };
      if (seen >= DATELINE_WINDOW) break;
    }
  }
  return null;
}

/** The trailing run of blocks made only of name lines; `notBefore` keeps it clear of the letter's head. */
function findSignatureBlocks(blocks: Block[], notBefore: number): { start: number; names: string[] } | null {
  let start = blocks.length;
  for (let index = blocks.length - 1; index >= notBefore; index -= 1) {
    const block = blocks[index] ?? [];
    if (isHeading(block) ? !isNameLine(plainLine(block[0] ?? '')) : !block.every((line) => isNameLine(plainLine(line))))
      break;
    start = index;
  }
  if (start >= blocks.length) return null;
  const names = blocks
    .slice(start)
    .flatMap((block) => block.map((line) => plainLine(line)).filter((line) => line.length > 0));
  return names.length > 0 ? { start, names } : null;
}

/**
 * A line that reads like an organisation's or person's name: short, capitalised, not ending a sentence
 * (abbreviations such as "A.C." or "A. C." are fine), not ending on a word that continues a sentence.
 */
export function isNameLine(line: string): boolean {
  if (line.length === 0 || line.length > 90) return false;
  if (CLOSING_WORDS.test(line)) return false;
  if (!/^[\p{Lu}\p{N}"“«(]/u.test(line)) return false;
  if (/[:;,]$/.test(line)) return false;
  const words = line.split(/\s+/);
  if (words.length > 12) return false;
  const last = words[words.length - 1] ?? '';
  if (FUNCTION_WORDS.has(last.toLowerCase())) return false;
  if (last.endsWith('.') && !/^(?:\p{Lu}{1,3}\.)+$|^\p{Lu}\p{Ll}{0,3}\.$/u.test(last)) return false;
  if (/[.!?]\s+\p{Ll}/u.test(line)) return false;
  return true;
}

/** Names as one block of lines with hard breaks, wrapped so the reader can style the signature. */
function signatureMarkup(names: string[]): Block[] {
  const lines = names.map((name, index) =>
    index < names.length - 1 ? `${escapeMarkdownLine(name)}\\` : escapeMarkdownLine(name),
  );
  return [['<div class="signatories">'], lines, ['</div>']];
}

function escapeMarkdownLine(text: string): string {
  return text
    .replace(/([\\`*_[\]<>])/g, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+#=])/, '\\$1');
}

function shorten(text: string): string {
  if (text.length <= MAX_TITLE_ADDRESSEE) return text;
  const words = text.slice(0, MAX_TITLE_ADDRESSEE).split(/\s+/).slice(0, -1);
  while (words.length > 1 && FUNCTION_WORDS.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
  return `${words.join(' ')}…`;
}
