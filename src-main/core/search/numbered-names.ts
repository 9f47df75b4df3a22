import { IntList } from './int-list';
import type { StringTable } from '../build/string-table';

/**
 * Names numbered densely in the order first met, each with its key in the build's string table:
 * the document analyser's terms and folded forms. Dense numbers index the analyser's columns of
 * counts and stamps; the key is what the writer stores.
 */
export class NumberedNames {
  private readonly numbers = new Map<string, number>();
  /** Each number's name. */
  readonly names: string[] = [];
  /** Each number's key in the string table. */
  readonly keys = new IntList(1 << 12);

  constructor(private readonly table: StringTable) {}

  get size(): number {
    return this.names.length;
  }

  /** The name's number, numbering it now (the next number, `size` before the call) when it is new. */
  numberOf(name: string): number {
    const known = this.numbers.get(name);
    if (known !== undefined) return known;
    const number = this.names.length;
    this.numbers.set(name, number);
    this.names.push(name);
    this.keys.push(this.table.intern(name));
    return number;
  }

  /** Forgets every name: numbering starts again at 0. */
  clear(): void {
    this.numbers.clear();
    this.names.length = 0;
    this.keys.clear();
  }
}
