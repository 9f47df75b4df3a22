/**
 * Ruby's Psych (Jekyll's YAML parser) reads a quoted scalar that goes on over unindented lines:
 *
 *     description: "Una nota que sigue
 *     en la línea siguiente"
 *
 * The YAML spec (and the `yaml` package) refuse it: continuation lines of a quoted scalar must be
 * indented past its key. This rewrites only such continuation lines, indenting them one space past
 * the key, which changes nothing else (line folding drops leading spaces), so the text then reads
 * as Psych reads it. Returns null when there is nothing to rewrite. Linear in the text.
 */
export function indentQuotedContinuations(yamlText: string): string | null {
  const lines = yamlText.split('\n');
  let open: { quote: '"' | "'"; indent: number } | null = null;
  let changed = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (open) {
      const indentation = line.length - line.trimStart().length;
      if (line.trim() !== '' && indentation <= open.indent) {
        lines[index] = ' '.repeat(open.indent + 1) + line.trimStart();
        changed = true;
      }
      if (closingQuote(line, 0, open.quote) !== -1) open = null;
      continue;
    }
    const start = /^(\s*)(?:[^\s#'"-][^#]*?:[ \t]+|-[ \t]+)(["'])/.exec(line);
    if (!start?.[2]) continue;
    const quote = start[2] === '"' ? '"' : "'";
    if (closingQuote(line, start[0].length, quote) === -1) open = { quote, indent: start[1]?.length ?? 0 };
  }
  return changed ? lines.join('\n') : null;
}

/** Where a quoted scalar opened before `from` closes on this line, or -1 (`\"` and `''` are escapes). */
function closingQuote(line: string, from: number, quote: '"' | "'"): number {
  for (let index = from; index < line.length; index += 1) {
    const character = line.charAt(index);
    if (quote === '"' && character === '\\') {
      index += 1;
      continue;
    }
    if (character !== quote) continue;
    if (quote === "'" && line.charAt(index + 1) === "'") {
      index += 1;
      continue;
    }
    return index;
  }
  return -1;
}
