import type { FacetCount, FacetName, Facets } from '../../common/types';
import { FACET_NAMES } from '../../common/types';
import { foldValue } from './fold';
import { recordOf } from '../../common/guards';
import { spanishCollator } from './spanish-collator';

/**
 * Every facet value of the corpus, numbered once at open so that counting the facets of
 * thousands of matches is integer increments. Values are grouped case- and accent-
 * insensitively (the corpus has `Transparencia` and `transparencia`), exactly as the filters
 * compare them, so a facet's count is the number of results its filter gives; the label is the
 * group's most common spelling in the corpus.
 */
/** A FacetTable as stored in a corpus (search_catalog.facets): read at open without recounting. */
export interface StoredFacetTable {
  /** Per facet, each value id's group key (case- and accent-folded value; type and year as is). */
  keys: Record<FacetName, string[]>;
  /** Per facet, each value id's label (the group's commonest spelling). */
  labels: Record<FacetName, string[]>;
  /** Per facet, each id's position in label order. */
  labelRank: Record<FacetName, number[]>;
}

export class FacetTable {
  private readonly keys: Record<FacetName, Map<string, number>>;
  private readonly labels: Record<FacetName, string[]>;
  /** Per facet, each id's position in label order: sorting by it avoids the collator per query. */
  private readonly labelRank: Record<FacetName, Int32Array>;
  /** Per facet, where its ids start in the flattened numbering (see `flatten`). */
  private readonly bases: Record<FacetName, number>;

  private constructor(stored: StoredFacetTable) {
    this.keys = recordOf(FACET_NAMES, () => new Map<string, number>());
    this.labels = stored.labels;
    this.labelRank = recordOf(FACET_NAMES, () => new Int32Array(0));
    this.bases = recordOf(FACET_NAMES, () => 0);
    let base = 0;
    for (const name of FACET_NAMES) {
      this.keys[name] = new Map(stored.keys[name].map((key, id) => [key, id]));
      this.labelRank[name] = Int32Array.from(stored.labelRank[name]);
      this.bases[name] = base;
      base += stored.labels[name].length;
    }
  }

  /** A stored table, checked for consistent lengths. */
  static restore(stored: StoredFacetTable): FacetTable {
    for (const name of FACET_NAMES) {
      const size = stored.labels[name].length;
      if (stored.keys[name].length !== size || stored.labelRank[name].length !== size) {
        throw new Error(`the stored facet table of "${name}" is inconsistent; rebuild the corpus`);
      }
    }
    return new FacetTable(stored);
  }

  /** Numbers the facet values of a corpus's documents (at build time). */
  static fromDocuments(documents: ReadonlyArray<Record<FacetName, string[]>>): FacetTable {
    return new FacetTable(countFacetValues(documents));
  }

  /** What `restore` reads back. */
  stored(): StoredFacetTable {
    const keys = recordOf(FACET_NAMES, (): string[] => []);
    const labelRank = recordOf(FACET_NAMES, (): number[] => []);
    for (const name of FACET_NAMES) {
      keys[name] = [...this.keys[name].keys()];
      labelRank[name] = [...this.labelRank[name]];
    }
    return { keys, labels: this.labels, labelRank };
  }

  /**
   * The flattened ids (see `flatten`) of the values a filter names, grouped as the table groups
   * them (`transparencia` selects the `Transparencia` group); values the corpus lacks are left out.
   */
  flatIdsOf(name: FacetName, values: readonly string[]): Set<number> {
    const out = new Set<number>();
    for (const value of values) {
      const id = this.keys[name].get(groupKey(name, value));
      if (id !== undefined) out.add(this.bases[name] + id);
    }
    return out;
  }

  /** The value ids of one document, one per distinct group. */
  idsOf(facets: Record<FacetName, string[]>): Record<FacetName, number[]> {
    const out = recordOf(FACET_NAMES, (): number[] => []);
    for (const name of FACET_NAMES) {
      const ids = new Set<number>();
      for (const value of facets[name]) {
        const id = this.keys[name].get(groupKey(name, value));
        if (id !== undefined) ids.add(id);
      }
      out[name] = [...ids];
    }
    return out;
  }

  /**
   * A document's value ids of every facet in one array, each facet's ids shifted past the
   * previous facets' (see `count`): counting thousands of matches is then one tight loop.
   */
  flatten(ids: Record<FacetName, number[]>): Int32Array {
    const flat: number[] = [];
    let base = 0;
    for (const name of FACET_NAMES) {
      for (const id of ids[name]) flat.push(base + id);
      base += this.labels[name].length;
    }
    return Int32Array.from(flat);
  }

  /** Counts over the given documents' flattened value ids, most frequent first, ties by label. */
  count(documents: Iterable<Int32Array>): Facets {
    const all = new Int32Array(this.flatSize());
    for (const flat of documents) {
      for (let i = 0; i < flat.length; i += 1) {
        const id = flat[i] ?? 0;
        all[id] = (all[id] ?? 0) + 1;
      }
    }
    return this.facetsOf(all);
  }

  /**
   * The same counts for documents given by position, their flattened ids read from the
   * catalog's arrays (`ids[starts[d] .. starts[d + 1])`): one loop over integers, with no
   * per-document view or iterator (a search counts the facets of every match).
   */
  countDocuments(starts: Int32Array, ids: Int32Array, documents: Int32Array): Facets {
    const all = new Int32Array(this.flatSize());
    for (let d = 0; d < documents.length; d += 1) {
      const doc = documents[d] ?? 0;
      const end = starts[doc + 1] ?? 0;
      for (let at = starts[doc] ?? 0; at < end; at += 1) {
        const id = ids[at] ?? 0;
        all[id] = (all[id] ?? 0) + 1;
      }
    }
    return this.facetsOf(all);
  }

  private flatSize(): number {
    let total = 0;
    for (const name of FACET_NAMES) total += this.labels[name].length;
    return total;
  }

  /** Counts by flattened id as Facets: present values, most frequent first, ties by label. */
  private facetsOf(all: Int32Array): Facets {
    const facets: Facets = recordOf(FACET_NAMES, (): FacetCount[] => []);
    let base = 0;
    for (const name of FACET_NAMES) {
      const present: number[] = [];
      const forName = all.subarray(base, base + this.labels[name].length);
      base += this.labels[name].length;
      forName.forEach((count, id) => {
        if (count > 0) present.push(id);
      });
      const rank = this.labelRank[name];
      present.sort((a, b) => (forName[b] ?? 0) - (forName[a] ?? 0) || (rank[a] ?? 0) - (rank[b] ?? 0));
      const labels = this.labels[name];
      facets[name] = present.map((id): FacetCount => ({ value: labels[id] ?? '', count: forName[id] ?? 0 }));
    }
    return facets;
  }
}

/** Groups and labels every facet value of the documents (what FacetTable.fromDocuments stores). */
function countFacetValues(documents: ReadonlyArray<Record<FacetName, string[]>>): StoredFacetTable {
  const keys = recordOf(FACET_NAMES, (): string[] => []);
  const labels = recordOf(FACET_NAMES, (): string[] => []);
  const labelRank = recordOf(FACET_NAMES, (): number[] => []);
  for (const name of FACET_NAMES) {
    const ids = new Map<string, number>();
    const spellings: Array<Map<string, number>> = [];
    for (const facets of documents) {
      for (const value of facets[name]) {
        const key = groupKey(name, value);
        const id = ids.get(key);
        let forId = id === undefined ? undefined : spellings[id];
        if (!forId) {
          forId = new Map();
          ids.set(key, spellings.length);
          spellings.push(forId);
        }
        forId.set(value, (forId.get(value) ?? 0) + 1);
      }
    }
    const named = spellings.map(commonest);
    const order = named.map((_, id) => id);
    order.sort((a, b) => compareLabels(named[a] ?? '', named[b] ?? ''));
    const rank = new Array<number>(named.length);
    order.forEach((id, position) => {
      rank[id] = position;
    });
    keys[name] = [...ids.keys()];
    labels[name] = named;
    labelRank[name] = rank;
  }
  return { keys, labels, labelRank };
}

function compareLabels(a: string, b: string): number {
  return spanishCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function groupKey(name: FacetName, value: string): string {
  return name === 'type' || name === 'year' ? value : foldValue(value);
}

function commonest(spellings: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [spelling, count] of spellings) {
    if (count > bestCount || (count === bestCount && spelling < best)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}
