/**
 * The strings of a build (index terms, folded word forms, phrase words), each numbered once.
 *
 * Why: every document hands the corpus writer about 1,500 strings (its terms per field, its
 * forms, its phrase words), and each of the three builders looked every one up in a Map of the
 * whole vocabulary: a fifth of the main thread's time in a 10,000-document build. With one table
 * the lookup happens once per distinct string of a thread (the render worker's strings arrive
 * already numbered, analysis-wire.ts), and the builders map a string's number to their own by
 * indexing a typed array (`IdsOfKeys`).
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  get size(): number {
    return this.values.length;
  }

  /** The number of `value`, given on first sight. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  internAll(values: readonly string[]): Int32Array {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i += 1) out[i] = this.intern(values[i] ?? '');
    return out;
  }

  /** The string numbered `id`; a number never given is a bug of the caller. */
  at(id: number): string {
    const value = this.values[id];
    if (value === undefined) throw new RangeError(`string table: no string number ${id}`);
    return value;
  }

  /** Strings numbered from `from` on, in order (what another thread has not been sent yet). */
  since(from: number): string[] {
    return this.values.slice(from);
  }
}

/** A builder's own numbering of table strings (its ids in first-seen order): key -> id, or -1. */
export class IdsOfKeys {
  private data = new Int32Array(1 << 12).fill(-1);

  get(key: number): number {
    return key < this.data.length ? (this.data[key] ?? -1) : -1;
  }

  set(key: number, id: number): void {
    if (key >= this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, key + 1)).fill(-1);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[key] = id;
  }
}
