import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LibraryArchive } from '../../src-main/common/library';
import type { CorpusInfo, DocumentRecord } from '../../src-main/common/types';

/**
 * What a phone keeps of what it read, in IndexedDB: the one storage a plain-http page on a
 * hotspot has (no service worker, no Cache API in an insecure context). Documents and their
 * images stay within a byte budget the page shows; the oldest read go first when it is full.
 */

/** Default budget: a few hundred long articles with their images, small beside any phone's quota. */
export const DEFAULT_KEPT_BUDGET_BYTES = 50 * 1024 * 1024;

export interface KeptDocument {
  record: DocumentRecord;
  /** When it was last opened (ms since epoch): eviction drops the oldest first. */
  keptAt: number;
  /** Bytes this entry holds, its images included (they are counted with the first document that needs them). */
  bytes: number;
  assetIds: string[];
}

export interface KeptAsset {
  id: string;
  blob: Blob;
}

interface KeptSchema extends DBSchema {
  documents: { key: string; value: KeptDocument; indexes: { keptAt: number } };
  assets: { key: string; value: KeptAsset };
  meta: { key: string; value: unknown };
}

export interface KeptUsage {
  documents: number;
  bytes: number;
  budget: number;
}

export interface KeptMeta {
  corpusInfo?: CorpusInfo;
  archives?: LibraryArchive[];
}

/** Thrown when the browser refuses to store more (its quota for this site is used up). */
export class KeptQuotaError extends Error {
  constructor() {
    super('The browser has no room left to keep documents for this site.');
    this.name = 'KeptQuotaError';
  }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** Rough size of a record as stored: its strings (UTF-16 in memory, about one byte each on disk for Spanish text). */
function recordBytes(record: DocumentRecord): number {
  return JSON.stringify(record).length;
}

export class KeptStore {
  private constructor(
    private readonly db: IDBPDatabase<KeptSchema>,
    readonly budget: number,
  ) {}

  /** One database per page origin and archive name (`name`), so two archives never mix. */
  static async open(name: string, budget = DEFAULT_KEPT_BUDGET_BYTES): Promise<KeptStore> {
    const db = await openDB<KeptSchema>(name, 1, {
      upgrade(database) {
        const documents = database.createObjectStore('documents', { keyPath: 'record.id' });
        documents.createIndex('keptAt', 'keptAt');
        database.createObjectStore('assets', { keyPath: 'id' });
        database.createObjectStore('meta');
      },
    });
    return new KeptStore(db, budget);
  }

  /**
   * Keeps a document and the images it shows (those not kept yet), then drops the oldest
   * documents until the total fits the budget again. Rejects with KeptQuotaError when the
   * browser's quota is full; nothing half-written stays (one transaction).
   */
  async keep(record: DocumentRecord, assets: KeptAsset[]): Promise<void> {
    try {
      const tx = this.db.transaction(['documents', 'assets'], 'readwrite');
      const documents = tx.objectStore('documents');
      const assetStore = tx.objectStore('assets');
      let bytes = recordBytes(record);
      for (const asset of assets) {
        if ((await assetStore.getKey(asset.id)) === undefined) {
          await assetStore.put(asset);
          bytes += asset.blob.size;
        }
      }
      const previous = await documents.get(record.id);
      if (previous) bytes = Math.max(bytes, previous.bytes);
      await documents.put({ record, keptAt: Date.now(), bytes, assetIds: assets.map((asset) => asset.id) });
      await tx.done;
    } catch (error) {
      if (isQuotaError(error)) throw new KeptQuotaError();
      throw error;
    }
    await this.evictBeyondBudget();
  }

  private async evictBeyondBudget(): Promise<void> {
    const tx = this.db.transaction(['documents', 'assets'], 'readwrite');
    const documents = tx.objectStore('documents');
    const all = await documents.index('keptAt').getAll();
    let total = all.reduce((sum, entry) => sum + entry.bytes, 0);
    const removed = new Set<string>();
    // Oldest first; the newest document always stays, even alone over budget.
    for (const entry of all.slice(0, -1)) {
      if (total <= this.budget) break;
      await documents.delete(entry.record.id);
      removed.add(entry.record.id);
      total -= entry.bytes;
    }
    if (removed.size > 0) {
      const stillUsed = new Set(all.filter((e) => !removed.has(e.record.id)).flatMap((e) => e.assetIds));
      const assets = tx.objectStore('assets');
      for (const entry of all.filter((e) => removed.has(e.record.id))) {
        for (const assetId of entry.assetIds) if (!stillUsed.has(assetId)) await assets.delete(assetId);
      }
    }
    await tx.done;
  }

  async get(id: string): Promise<KeptDocument | undefined> {
    return this.db.get('documents', id);
  }

  async all(): Promise<KeptDocument[]> {
    return this.db.getAll('documents');
  }

  async asset(id: string): Promise<Blob | undefined> {
    return (await this.db.get('assets', id))?.blob;
  }

  async usage(): Promise<KeptUsage> {
    const all = await this.db.getAll('documents');
    return { documents: all.length, bytes: all.reduce((sum, entry) => sum + entry.bytes, 0), budget: this.budget };
  }

  async saveMeta(key: keyof KeptMeta, value: KeptMeta[typeof key]): Promise<void> {
    try {
      await this.db.put('meta', value, key);
    } catch (error) {
      if (isQuotaError(error)) throw new KeptQuotaError();
      throw error;
    }
  }

  async meta<K extends keyof KeptMeta>(key: K): Promise<KeptMeta[K] | undefined> {
    return (await this.db.get('meta', key)) as KeptMeta[K] | undefined;
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['documents', 'assets', 'meta'], 'readwrite');
    await Promise.all([tx.objectStore('documents').clear(), tx.objectStore('assets').clear(), tx.done]);
  }
}
