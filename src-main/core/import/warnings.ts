import type { ImportWarning } from '../model';

/** Collects import warnings in order; every module reports through one of these instead of throwing. */
export class WarningLog {
  readonly entries: ImportWarning[] = [];

  add(file: string, rawMessage: string, line?: number, tag?: WarningTag): void {
    const message = escapeControls(rawMessage);
    const entry: ImportWarning = line === undefined ? { file, message } : { file, line, message };
    if (tag) Object.assign(entry, tag);
    this.entries.push(entry);
  }

  /** A view bound to one file, so parsers need not carry the file name around. */
  forFile(file: string): FileWarnings {
    return (message, line, tag) => {
      this.add(file, message, line, tag);
    };
  }
}

/** Reports a problem in the current file, with its 1-based line when there is one. */
export type FileWarnings = (message: string, line?: number, tag?: WarningTag) => void;

/** What a report counts a warning as: its code (`import-codes.ts`) and, optionally, how many occurrences. */
export interface WarningTag {
  code: string;
  count?: number;
}

/**
 * Messages quote document content (YAML values, Liquid tags, image paths) and end up on a
 * librarian's terminal: an ESC sequence there could recolour, hide or retitle output, a bidi
 * override could reorder the line. Control, line-break and bidi characters are shown as `\uXXXX`.
 */
const DISPLAY_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(DISPLAY_UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
