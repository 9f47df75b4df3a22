import type { ImportWarning } from '../model';

/** Collects import warnings in order; every module reports through one of these instead of throwing. */
export class WarningLog {
  readonly entries: ImportWarning[] = [];

  add(file: string, message: string, line?: number): void {
    this.entries.push(line === undefined ? { file, message } : { file, line, message });
  }

  /** A view bound to one file, so parsers need not carry the file name around. */
  forFile(file: string): FileWarnings {
    return (message, line) => this.add(file, message, line);
  }
}

/** Reports a problem in the current file, with its 1-based line when there is one. */
export type FileWarnings = (message: string, line?: number) => void;
