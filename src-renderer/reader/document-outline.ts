/**
 * The outline of a document as the reader shows it: its headings, in order. Headings are found
 * by position (the n-th heading of the body), not by id: documents seldom give their headings
 * ids, and the reader rebuilds the body's DOM whenever marks change, so element references
 * would go stale while an index stays true.
 */
export interface OutlineEntry {
  /** 1 for the highest heading level present in this document, 2 below it, and so on. */
  depth: number;
  text: string;
}

const HEADING_SELECTOR = 'h1, h2, h3, h4';
/** A heading counts as "reached" once its top is this close to the top of the scrolling area. */
const REACHED_MARGIN_PX = 24;

export function headingsOf(body: HTMLElement): HTMLElement[] {
  return [...body.querySelectorAll<HTMLElement>(HEADING_SELECTOR)].filter(
    (heading) => heading.textContent.trim() !== '',
  );
}

export function readOutline(body: HTMLElement): OutlineEntry[] {
  const headings = headingsOf(body);
  const levels = headings.map((heading) => Number(heading.tagName.slice(1)));
  const top = Math.min(...levels);
  return headings.map((heading, index) => ({
    depth: (levels[index] ?? top) - top + 1,
    // Source headings often carry runs of spaces (`ANEXO   TÉCNICO`): show them as one.
    text: heading.textContent.replace(/\s+/g, ' ').trim(),
  }));
}

/**
 * The section being read: the last heading whose top has reached the top of `scroller`
 * (-1 while the reader is above the first heading).
 */
export function currentSectionIndex(headings: readonly HTMLElement[], scroller: HTMLElement): number {
  const limit = scroller.getBoundingClientRect().top + REACHED_MARGIN_PX;
  let current = -1;
  for (const [index, heading] of headings.entries()) {
    if (heading.getBoundingClientRect().top <= limit) current = index;
    else break;
  }
  return current;
}

/** Scrolls a heading to the top and moves focus there (keyboard and screen-reader users continue from it). */
export function goToHeading(heading: HTMLElement): void {
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  // Instantly, as a reading position is restored: the scroll ends here, where the outline
  // records the jump (use-outline.ts), and the reader does not watch the text fly by.
  heading.scrollIntoView({ block: 'start', behavior: 'instant' });
  heading.focus({ preventScroll: true });
}
