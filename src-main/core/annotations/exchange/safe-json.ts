/**
 * Reading an annotation file that may be hostile: too large, not UTF-8, truncated, nested
 * to blow the stack, carrying prototype-polluting keys or text that is not well-formed
 * Unicode. Every refusal names what was wrong and where; nothing is half-read.
 */
import { MAX_IMPORT_BYTES } from '../../../common/limits';
export { MAX_IMPORT_BYTES };
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}

/** Bytes of a file -> text: refuses more than 20 MB and anything that is not UTF-8. */
export function decodeImportBytes(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportFormatError(
      `The file is ${bytes.byteLength} bytes; annotation files are limited to ${MAX_IMPORT_BYTES} bytes (20 MB)`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFormatError('The file is not UTF-8 text');
  }
}

export function parseImportJson(text: string): unknown {
  if (text.length > MAX_IMPORT_BYTES) {
    throw new ImportFormatError(
      `The file is larger than the ${MAX_IMPORT_BYTES}-byte (20 MB) limit for annotation files`,
    );
  }
  checkNesting(text);
  let value: unknown;
  try {
    value = JSON.parse(text, (key, nested: unknown) => {
      // JSON.parse defines "__proto__" as an own property (no pollution by itself), but any
      // later spread/merge of the object could act on it: refuse such files outright.
      if (FORBIDDEN_KEYS.has(key)) throw new ImportFormatError(`The file contains the forbidden key "${key}"`);
      return nested;
    });
  } catch (error) {
    if (error instanceof ImportFormatError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFormatError(`The file is not valid JSON (damaged or cut short?): ${reason}`);
  }
  checkStrings(value, '', 0);
  return value;
}

/** Depth limit and well-formed Unicode in every key and string, reported with its JSON path. */
function checkStrings(value: unknown, where: string, depth: number): void {
  if (depth > MAX_DEPTH)
    throw new ImportFormatError(`${where || 'The file'} is nested more than ${MAX_DEPTH} levels deep`);
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) {
      throw new ImportFormatError(`${where || 'value'} contains a broken character (an unpaired UTF-16 surrogate)`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkStrings(item, `${where}[${index}]`, depth + 1));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const path = where ? `${where}.${key}` : key;
      if (LONE_SURROGATE.test(key))
        throw new ImportFormatError(`A key in ${where || 'the file'} contains a broken character`);
      checkStrings(item, path, depth + 1);
    }
  }
}

/**
 * Refuses deep nesting BEFORE JSON.parse: a file of 5,000 `[` would otherwise overflow the
 * stack inside the parser's reviver and surface as a confusing "not valid JSON".
 */
function checkNesting(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > MAX_DEPTH) throw new ImportFormatError(`The file is nested more than ${MAX_DEPTH} levels deep`);
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
}
