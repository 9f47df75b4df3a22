import type { DocumentAnalysis, FieldTerms } from '../search/document-analysis';

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
 */
export interface WireAnalysis {
  fields: Array<{ termIds: Int32Array; counts: Int32Array; length: number }>;
  words: { wordIds: Int32Array; starts: Int32Array; positions: Int32Array };
  /** Folded word forms and their index terms (DocumentAnalysis.forms, formTerms). */
  forms: { formIds: Int32Array; termIds: Int32Array };
  /** Strings this analysis uses first, in id order (they continue the dictionary). */
  newStrings: string[];
}

/** Worker side: one per worker, used for its analyses in the order they are posted. */
export class AnalysisEncoder {
  private readonly ids = new Map<string, number>();

  encode(analysis: DocumentAnalysis): WireAnalysis {
    const newStrings: string[] = [];
    const ids = this.ids;
    const idsOf = (strings: readonly string[]): Int32Array => {
      const out = new Int32Array(strings.length);
      for (let i = 0; i < strings.length; i += 1) {
        const value = strings[i] ?? '';
        let id = ids.get(value);
        if (id === undefined) {
          id = ids.size;
          ids.set(value, id);
          newStrings.push(value);
        }
        out[i] = id;
      }
      return out;
    };
    return {
      fields: analysis.fields.map((field) => ({
        termIds: idsOf(field.terms),
        counts: field.counts,
        length: field.length,
      })),
      words: {
        wordIds: idsOf(analysis.words.words),
        starts: analysis.words.starts,
        positions: analysis.words.positions,
      },
      forms: { formIds: idsOf(analysis.forms), termIds: idsOf(analysis.formTerms) },
      newStrings,
    };
  }
}

/** Main-thread side: one per worker, fed that worker's analyses in the order they arrive. */
export class AnalysisDecoder {
  private readonly strings: string[] = [];

  decode(wire: WireAnalysis): DocumentAnalysis {
    for (const value of wire.newStrings) this.strings.push(value);
    const strings = this.strings;
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
