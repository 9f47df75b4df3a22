/** A row's height before it is measured (a phone's rows are 176–242 px, a desktop's about 112). */
export const ROW_ESTIMATE_PX = 112;

/** A row's key as the virtualiser keeps it (TanStack Virtual's `Key`, which it does not export). */
type RowKey = number | string | bigint;

/** What of the virtualiser a row's measure reads: its sizes so far, by row key. */
export interface MeasuredRows {
  options: { getItemKey: (index: number) => RowKey };
  indexFromElement: (element: Element) => number;
  itemSizeCache: Map<RowKey, number>;
}

/**
 * A row's height for the result list's virtualiser, without ever reading the layout: from the
 * virtualiser's ResizeObserver entry when there is one (the browser delivers it in the frame,
 * after its own layout and before its paint); for a row React has just attached (no entry), its
 * last measured height or the estimate. Reading the row's height there instead forced a layout
 * of the whole page inside the commit of each search answer (about 10 ms on a phone at 4×).
 */
export function measureRowWithoutLayout(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  rows: MeasuredRows,
): number {
  const box = entry?.borderBoxSize[0];
  if (box) return Math.round(box.blockSize);
  const key = rows.options.getItemKey(rows.indexFromElement(element));
  return rows.itemSizeCache.get(key) ?? ROW_ESTIMATE_PX;
}
