import { analysisKeys, type DocumentAnalysis, type FieldTerms } from '../search/document-analysis';
import { StringTable } from '../build/string-table';

/**
 * A document's search analysis as it crosses from a render worker to the main thread: every
 * string (index terms, word forms) replaced by its id in a dictionary the worker and the main
 * thread build up together, each string sent once, with the first analysis that uses it.
 *
 * Why: a document's analysis holds ~700 short strings. Cloned per document, the main thread
 * received millions of new string objects and, merging them into the index and the phrase
 * positions, hashed every one in a Map lookup. Decoded from the dictionary, each term or word is
 * one shared string object whose hash V8 computes once, and the numbers travel in transferred
 * typed arrays.
 *
 * The dictionary is the worker analyser's own string table (document-analysis.ts), whose
 * numbers each analysis already carries: encoding does no lookup at all. On the main thread each
 * string the worker sends is numbered once in the corpus writer's table, and the analysis
 * arrives with its keys there, so the writer's builders look nothing up either.
 */
export interface WireAnalysis {
  fields: Array<{ termIds: Int32Array; counts: Int32Array; length: number }>;
  words: { wordIds: Int32Array; starts: Int32Array; positions: Int32Array };
  /** Folded word forms and their index terms (DocumentAnalysis.forms, formTerms). */
  forms: { formIds: Int32Array; termIds: Int32Array };
  /** Strings this analysis uses first, in id order (they continue the dictionary). */
  newStrings: string[];
}

/**
 * Worker side: one per worker, used for its analyses in the order they are posted. `table` is
 * the worker analyser's string table (an analysis numbered elsewhere is numbered there first).
 */
export class AnalysisEncoder {
  /** Strings of the table already sent. */
  private sent = 0;

  constructor(private readonly table = new StringTable()) {}

  encode(analysis: DocumentAnalysis): WireAnalysis {
    const keys = analysisKeys(this.table, analysis);
    // The table only grows: every string numbered since the last analysis was sent goes now,
    // in number order, so the decoder's dictionary stays the table's prefix.
    const newStrings = this.table.since(this.sent);
    this.sent = this.table.size;
    return {
      fields: analysis.fields.map((field, f) => ({
        termIds: keys.fields[f] ?? new Int32Array(0),
        counts: field.counts,
        length: field.length,
      })),
      words: {
        wordIds: keys.words,
        starts: analysis.words.starts,
        positions: analysis.words.positions,
      },
      forms: { formIds: keys.forms, termIds: keys.formTerms },
      newStrings,
    };
  }
}

/**
 * Main-thread side: one per worker, fed that worker's analyses in the order they arrive. Decoded
 * analyses carry their keys in `table` (the corpus writer's, when the import is given it).
 */
export class AnalysisDecoder {
  private readonly strings: string[] = [];
  /** The number in `table` of each worker string. */
  private keyOf = new Int32Array(1 << 12);

  constructor(private readonly table = new StringTable()) {}

  decode(wire: WireAnalysis): DocumentAnalysis {
    const first = this.strings.length;
    if (first + wire.newStrings.length > this.keyOf.length) {
      const grown = new Int32Array(Math.max(this.keyOf.length * 2, first + wire.newStrings.length));
      grown.set(this.keyOf);
      this.keyOf = grown;
    }
    for (const value of wire.newStrings) {
      this.keyOf[this.strings.length] = this.table.intern(value);
      this.strings.push(value);
    }
    const strings = this.strings;
    const keyOf = this.keyOf;
    const keysOf = (ids: Int32Array): Int32Array => {
      const out = new Int32Array(ids.length);
      for (let i = 0; i < ids.length; i += 1) out[i] = keyOf[ids[i] ?? 0] ?? 0;
      return out;
    };
    const stringsOf = (ids: Int32Array): string[] => {
      const out = new Array<string>(ids.length);
      for (let i = 0; i < ids.length; i += 1) {
        const value = strings[ids[i] ?? 0];
        if (value === undefined) throw new Error(`render worker sent string id ${ids[i]} before the string`);
        out[i] = value;
      }
      return out;
    };
    const fields: FieldTerms[] = wire.fields.map((field) => ({
      terms: stringsOf(field.termIds),
      counts: field.counts,
      length: field.length,
    }));
    return {
      fields,
      words: { words: stringsOf(wire.words.wordIds), starts: wire.words.starts, positions: wire.words.positions },
      forms: stringsOf(wire.forms.formIds),
      formTerms: stringsOf(wire.forms.termIds),
      keys: {
        table: this.table,
        fields: wire.fields.map((field) => keysOf(field.termIds)),
        words: keysOf(wire.words.wordIds),
        forms: keysOf(wire.forms.formIds),
        formTerms: keysOf(wire.forms.termIds),
      },
    };
  }
}

/** The typed arrays' buffers, to move with the message instead of copying them. */
export function transferablesOf(wire: WireAnalysis): ArrayBuffer[] {
  const arrays = [
    ...wire.fields.flatMap((field) => [field.termIds, field.counts]),
    wire.words.wordIds,
    wire.words.starts,
    wire.words.positions,
    wire.forms.formIds,
    wire.forms.termIds,
  ];
  // Only an ArrayBuffer moves to the thread; a SharedArrayBuffer is shared without being listed.
  const buffers = arrays.map((array) => array.buffer).filter((buffer) => buffer instanceof ArrayBuffer);
  return [...new Set(buffers)];
}
