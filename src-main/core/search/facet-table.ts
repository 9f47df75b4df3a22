import type { FacetCount, FacetName, Facets } from '../../common/types';
import { FACET_NAMES } from '../../common/types';
import { foldValue } from './fold';

const labelCollator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });

/**
 * Every facet value of the corpus, numbered once at open so that counting the facets of
 * thousands of matches is integer increments. Values are grouped case- and accent-
 * insensitively (the corpus has `Transparencia` and `transparencia`), exactly as the filters
 * compare them, so a facet's count is the number of results its filter gives; the label is the
 * group's most common spelling in the corpus.
 */
export class FacetTable {
  private readonly keys: Record<FacetName, Map<string, number>>;
  private readonly labels: Record<FacetName, string[]>;
  /** Per facet, each id's position in label order: sorting by it avoids the collator per query. */
  private readonly labelRank: Record<FacetName, Int32Array>;

  constructor(documents: ReadonlyArray<Record<FacetName, string[]>>) {
    const spellings = {} as Record<FacetName, Array<Map<string, number>>>;
    this.keys = {} as Record<FacetName, Map<string, number>>;
    for (const name of FACET_NAMES) {
      this.keys[name] = new Map();
      spellings[name] = [];
    }
    for (const facets of documents) {
      for (const name of FACET_NAMES) {
        for (const value of facets[name]) {
          const id = this.intern(name, value, spellings[name]);
          const forId = spellings[name][id] as Map<string, number>;
          forId.set(value, (forId.get(value) ?? 0) + 1);
        }
      }
    }
    this.labels = {} as Record<FacetName, string[]>;
    this.labelRank = {} as Record<FacetName, Int32Array>;
    for (const name of FACET_NAMES) {
      const labels = spellings[name].map(commonest);
      this.labels[name] = labels;
      const order = labels.map((_, id) => id);
      order.sort((a, b) => compareLabels(labels[a] as string, labels[b] as string));
      const rank = new Int32Array(labels.length);
      order.forEach((id, position) => {
        rank[id] = position;
      });
      this.labelRank[name] = rank;
    }
  }

  /** The value ids of one document, one per distinct group. */
  idsOf(facets: Record<FacetName, string[]>): Record<FacetName, number[]> {
    const out = {} as Record<FacetName, number[]>;
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
    let total = 0;
    for (const name of FACET_NAMES) total += this.labels[name].length;
    const all = new Int32Array(total);
    for (const flat of documents) {
      for (let i = 0; i < flat.length; i += 1) {
        const id = flat[i] as number;
        all[id] = (all[id] as number) + 1;
      }
    }
    const facets = {} as Facets;
    let base = 0;
    for (const name of FACET_NAMES) {
      const present: number[] = [];
      const forName = all.subarray(base, base + this.labels[name].length);
      base += this.labels[name].length;
      forName.forEach((count, id) => {
        if (count > 0) present.push(id);
      });
      const rank = this.labelRank[name];
      present.sort(
        (a, b) => (forName[b] as number) - (forName[a] as number) || (rank[a] as number) - (rank[b] as number),
      );
      const labels = this.labels[name];
      facets[name] = present.map((id): FacetCount => ({ value: labels[id] as string, count: forName[id] as number }));
    }
    return facets;
  }

  private intern(name: FacetName, value: string, spellings: Array<Map<string, number>>): number {
    const key = groupKey(name, value);
    let id = this.keys[name].get(key);
    if (id === undefined) {
      id = spellings.length;
      this.keys[name].set(key, id);
      spellings.push(new Map());
    }
    return id;
  }
}

function compareLabels(a: string, b: string): number {
  return labelCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
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
