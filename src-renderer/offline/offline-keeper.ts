import type { ArchiveApi } from '../../src-main/common/api';
import type { DocumentRecord } from '../../src-main/common/types';
import { ArchiveRequestError } from '../api/http-client';
import { KeptQuotaError, KeptStore, type KeptAsset, type KeptUsage } from './kept-store';
import type { KeptSearch } from './kept-search';
import { keepFavicon } from './keep-favicon';
import { ASSET_TIMEOUT_MS, timeoutSignal } from './request-timeout';

/**
 * Browser mode on a hotspot: keeps every document the tab opens (with its images) and, when
 * the archive server stops answering, serves those from IndexedDB and searches them in the
 * page. It wraps the HTTP ArchiveApi, so the rest of the UI does not know which answered.
 * While offline it asks the server's status every few seconds and goes back to it once it answers.
 */

export interface OfflineState {
  /** False once a request found no server (the hotspot dropped) until the server answers again. */
  online: boolean;
  /** Null until the store opened, or when this browser offers no IndexedDB (the tab then keeps nothing). */
  usage: KeptUsage | null;
  /** The browser refused to store more: its quota for this site is full. */
  quotaFull: boolean;
  /** The page is not a secure context (plain http on a LAN address): a reload offline cannot work. */
  insecure: boolean;
  /** The archive's name, kept so the page still names what it reads offline. */
  archiveName: string | null;
}

const PROBE_INTERVAL_MS = 4000;
const SEARCH_PRELOAD_DELAY_MS = 5000;
const STORE_NAME = 'archivo-sin-conexion-kept';

export function isUnreachable(error: unknown): boolean {
  return error instanceof ArchiveRequestError && error.name === 'Unavailable' && error.code === 'unreachable';
}

/** A failed read while offline: the document was never opened in this tab (or was dropped to fit the budget). */
function notKeptError(): ArchiveRequestError {
  return new ArchiveRequestError({
    name: 'Unavailable',
    code: 'not-kept',
    message: 'The archive server cannot be reached and this document was not kept in this browser.',
  });
}

export class OfflineKeeper {
  private state: OfflineState;
  private readonly listeners = new Set<() => void>();
  /** The in-page index of what was kept, built when first needed (its module is not part of the first load). */
  private searchIndex: Promise<KeptSearch> | null = null;
  private readonly objectUrls = new Map<string, string>();
  private probeTimer = 0;
  private inner: ArchiveApi | null = null;

  private constructor(private readonly store: KeptStore | null) {
    this.state = {
      online: true,
      usage: null,
      quotaFull: false,
      insecure: !window.isSecureContext,
      archiveName: null,
    };
  }

  static async open(): Promise<OfflineKeeper> {
    let store: KeptStore | null = null;
    try {
      store = await KeptStore.open(STORE_NAME);
    } catch {
      // No IndexedDB (a locked-down private window): reading works, nothing is kept.
    }
    const keeper = new OfflineKeeper(store);
    window.addEventListener('offline', () => {
      keeper.setOnline(false);
    });
    window.addEventListener('online', () => {
      keeper.probe();
    });
    await keeper.refreshUsage();
    void keepFavicon();
    // Documents kept by an earlier visit: their index is ready before the hotspot can drop, built
    // once the first screen has had the network to itself.
    if (keeper.state.usage?.documents)
      window.setTimeout(() => void keeper.loadSearch().catch(() => undefined), SEARCH_PRELOAD_DELAY_MS);
    return keeper;
  }

  // --- state for the UI (useSyncExternalStore) ---
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly getState = (): OfflineState => this.state;

  private update(changes: Partial<OfflineState>): void {
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }

  private async refreshUsage(): Promise<void> {
    if (this.store) this.update({ usage: await this.store.usage() });
  }

  async clear(): Promise<void> {
    if (!this.store) return;
    await this.store.clear();
    this.searchIndex = null;
    this.update({ quotaFull: false });
    await this.refreshUsage();
  }

  // --- connectivity ---
  private setOnline(online: boolean): void {
    if (online === this.state.online) return;
    this.update({ online });
    if (!online) this.scheduleProbe();
  }

  private scheduleProbe(): void {
    window.clearTimeout(this.probeTimer);
    this.probeTimer = window.setTimeout(() => {
      this.probe();
    }, PROBE_INTERVAL_MS);
  }

  /** Asks the server's status; an answer means the laptop is back. */
  private probe(): void {
    // With no network at all there is nothing to ask (and each failed request is a console error);
    // the 'online' event probes again.
    if (!this.inner || !navigator.onLine) return;
    window.clearTimeout(this.probeTimer);
    this.inner.status().then(
      () => {
        this.setOnline(true);
      },
      () => {
        this.setOnline(false);
        this.scheduleProbe();
      },
    );
  }

  /** Runs `online` against the server; when it cannot be reached (or is known unreachable), runs `offline`. */
  private async either<T>(online: () => Promise<T>, offline: () => Promise<T>): Promise<T> {
    if (!this.state.online) return offline();
    try {
      return await online();
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      this.setOnline(false);
      return offline();
    }
  }

  // --- keeping ---
  private async keepDocument(api: ArchiveApi, record: DocumentRecord): Promise<void> {
    if (!this.store) return;
    const assets: KeptAsset[] = [];
    for (const match of record.html.matchAll(/data-asset-id="([0-9a-f]+)"/g)) {
      const id = match[1];
      if (!id || assets.some((asset) => asset.id === id)) continue;
      try {
        const response = await fetch(api.assetUrl(id), {
          credentials: 'same-origin',
          signal: timeoutSignal(ASSET_TIMEOUT_MS),
        });
        if (response.ok) assets.push({ id, blob: await response.blob() });
      } catch {
        // An image that cannot be fetched now is simply not kept; the text still is.
      }
    }
    try {
      await this.store.keep(record, assets);
      // The first kept document loads the index (and its module) while the server still answers:
      // once the hotspot drops, no more code can be fetched.
      if (this.searchIndex) (await this.searchIndex).add(record);
      else void this.loadSearch().catch(() => undefined);
    } catch (error) {
      if (error instanceof KeptQuotaError) this.update({ quotaFull: true });
      else throw error;
    }
    await this.refreshUsage();
  }

  private loadSearch(): Promise<KeptSearch> {
    this.searchIndex ??= import('./kept-search')
      .then(async ({ KeptSearch }) => {
        const index = new KeptSearch();
        for (const entry of (await this.store?.all()) ?? []) index.add(entry.record);
        return index;
      })
      .catch((error: unknown) => {
        this.searchIndex = null; // Not kept as a failure: the next call tries again.
        throw error;
      });
    return this.searchIndex;
  }

  /** Object URLs for a kept document's images, so the reader shows them with no server. */
  private async exposeAssets(assetIds: string[]): Promise<void> {
    if (!this.store) return;
    for (const id of assetIds) {
      if (this.objectUrls.has(id)) continue;
      const blob = await this.store.asset(id);
      if (blob) this.objectUrls.set(id, URL.createObjectURL(blob));
    }
  }

  /** The kept copy of an image as a Blob (for EPUB files written while offline), else null. */
  async keptAsset(id: string): Promise<Blob | null> {
    return (await this.store?.asset(id)) ?? null;
  }

  /** The same ArchiveApi, keeping what it reads and answering from what it kept when the server is gone. */
  wrap(api: ArchiveApi): ArchiveApi {
    this.inner = api;
    const store = this.store;
    return {
      ...api,
      status: () =>
        this.either(
          () => api.status(),
          () => Promise.resolve({ state: 'ready' }),
        ),
      corpusInfo: () =>
        this.either(
          async () => {
            const info = await api.corpusInfo();
            this.update({ archiveName: info.name });
            void store?.saveMeta('corpusInfo', info).catch(() => undefined);
            return info;
          },
          async () => {
            const info = await store?.meta('corpusInfo');
            if (!info) throw notKeptError();
            return info;
          },
        ),
      listArchives: () =>
        this.either(
          async () => {
            const archives = await api.listArchives();
            void store?.saveMeta('archives', archives).catch(() => undefined);
            return archives;
          },
          async () => (await store?.meta('archives')) ?? [],
        ),
      search: (request) =>
        this.either(
          () => api.search(request),
          async () => {
            return (await this.loadSearch()).search(request);
          },
        ),
      getDocument: (id) =>
        this.either(
          async () => {
            const record = await api.getDocument(id);
            if (record) void this.keepDocument(api, record).catch(() => undefined);
            return record;
          },
          async () => {
            const kept = await store?.get(id);
            if (!kept) throw notKeptError();
            await this.exposeAssets(kept.assetIds);
            return kept.record;
          },
        ),
      assetUrl: (assetId) => this.objectUrls.get(assetId) ?? api.assetUrl(assetId),
    };
  }

  /** Names the archive as soon as the page starts (the header and the EPUB metadata use it). */
  async learnArchiveName(api: ArchiveApi): Promise<void> {
    try {
      await api.corpusInfo();
    } catch {
      // The start-up screen explains a missing archive; nothing to name.
    }
  }
}
