import { describe, expect, it } from 'vitest';
import {
  measureRowWithoutLayout,
  ROW_ESTIMATE_PX,
  type MeasuredRows,
} from '../../../src-renderer/components/measure-row';

/** A row element whose layout must not be read: any read of its size fails the test. */
function rowElement(index: number): Element {
  const fail = (): never => {
    throw new Error("the row's layout was read");
  };
  return Object.defineProperties(Object.create(null) as object, {
    dataset: { value: { index: String(index) } },
    getBoundingClientRect: { value: fail },
    offsetHeight: { get: fail },
  }) as Element;
}

function rows(sizes: Record<string, number>): MeasuredRows {
  const keys = ['doc-a', 'doc-b', 'doc-c'];
  return {
    options: { getItemKey: (index) => keys[index] ?? index },
    indexFromElement: (element) => Number((element as HTMLElement).dataset.index),
    itemSizeCache: new Map(Object.entries(sizes)),
  };
}

describe("a result row's height for the virtualiser", () => {
  it('comes from the ResizeObserver entry, rounded', () => {
    const entry = { borderBoxSize: [{ blockSize: 203.6, inlineSize: 380 }] } as unknown as ResizeObserverEntry;
    expect(measureRowWithoutLayout(rowElement(0), entry, rows({ 'doc-a': 150 }))).toBe(204);
  });

  it('for a row just attached, is its last measured height, else the estimate, without reading the layout', () => {
    const list = rows({ 'doc-b': 187 });
    expect(measureRowWithoutLayout(rowElement(1), undefined, list)).toBe(187);
    expect(measureRowWithoutLayout(rowElement(2), undefined, list)).toBe(ROW_ESTIMATE_PX);
  });
});
