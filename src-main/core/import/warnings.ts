import type { ImportWarning } from './model';
import type { WarningCode } from './warning-kinds';

/** Collects import warnings in order; every module reports through one of these instead of throwing. */
export class WarningLog {
  readonly entries: ImportWarning[] = [];

  add(file: string, rawMessage: string, line?: number, code?: WarningCode, count?: number): void {
    const message = escapeControls(rawMessage);
    const warning: ImportWarning = line === undefined ? { file, message } : { file, line, message };
    if (code !== undefined) warning.code = code;
    if (count !== undefined) warning.count = count;
    this.entries.push(warning);
  }

  /** A view bound to one file, so parsers need not carry the file name around. */
  forFile(file: string): FileWarnings {
    return (message, line, code, count) => {
      this.add(file, message, line, code, count);
    };
  }
}

/**
 * Reports a problem in the current file, with its 1-based line when there is one, its kind
 * (warning-kinds.ts) and, when the warning stands for several occurrences, how many.
 */
export type FileWarnings = (message: string, line?: number, code?: WarningCode, count?: number) => void;

/** A warning recorded to be logged later (render workers, recognition ahead of its turn). */
export interface RecordedWarning {
  message: string;
  line?: number;
  code?: WarningCode;
  count?: number;
}

/** A FileWarnings that records into `warnings`. */
export function recordingWarnings(warnings: RecordedWarning[]): FileWarnings {
  return (message, line, code, count) => {
    const warning: RecordedWarning = line === undefined ? { message } : { message, line };
    if (code !== undefined) warning.code = code;
    if (count !== undefined) warning.count = count;
    warnings.push(warning);
  };
}

/**
 * Messages quote document content (YAML values, Liquid tags, image paths) and end up on a
 * librarian's terminal: an ESC sequence there could recolour, hide or retitle output, a bidi
 * override could reorder the line. Control, line-break and bidi characters are shown as `\uXXXX`.
 */
const DISPLAY_UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

export function escapeControls(text: string): string {
  return text.replace(DISPLAY_UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
