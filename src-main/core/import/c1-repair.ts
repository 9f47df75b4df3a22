import iconv from 'iconv-lite';

/**
 * Text saved as UTF-8 from a Windows-1252 editor or database often carries the 1252 byte of a
 * curly quote as the code point of the same number: `\x93no hay delito\x94` (U+0093/U+0094, C1
 * control characters, invisible or boxes on screen) where the author wrote “no hay delito”. Real
 * text never means a C1 control, so each is read as the Windows-1252 character its number stands
 * for (as browsers' encoding rules map those bytes: 0x93 “, 0x94 ”, 0x96 –, 0x85 …, 0x92 ’). The
 * five numbers Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) name nothing and are
 * removed.
 */
const C1_CONTROLS = /[\u0080-\u009f]/g;

/** U+0080..U+009F -> the Windows-1252 character (empty for the five undefined bytes); built once. */
let table: Map<string, string> | null = null;

function windows1252Table(): Map<string, string> {
  if (table) return table;
  table = new Map();
  for (let byte = 0x80; byte <= 0x9f; byte += 1) {
    const decoded = iconv.decode(Buffer.of(byte), 'windows-1252');
    table.set(String.fromCharCode(byte), decoded === '\ufffd' ? '' : decoded);
  }
  return table;
}

export interface C1Repair {
  text: string;
  /** C1 control characters replaced or removed. */
  repaired: number;
  /** The distinct characters found and what each became, for the warning (`U+0093 → “`). */
  mappings: string[];
}

export function repairC1Controls(text: string): C1Repair {
  // Most texts have none: one scan, no copy.
  if (!/[\u0080-\u009f]/.test(text)) return { text, repaired: 0, mappings: [] };
  const mapping = windows1252Table();
  const seen = new Map<string, string>();
  let repaired = 0;
  const result = text.replace(C1_CONTROLS, (control) => {
    repaired += 1;
    const replacement = mapping.get(control) ?? '';
    seen.set(control, replacement);
    return replacement;
  });
  const mappings = [...seen]
    .sort(([a], [b]) => a.charCodeAt(0) - b.charCodeAt(0))
    .map(
      ([control, replacement]) =>
        `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} → ${replacement || '(removed)'}`,
    );
  return { text: result, repaired, mappings };
}
