/**
 * Whether side panels stand beside the text (wide screens) rather than as sheets over it.
 * Matches the stylesheet's `max-width: 56rem` breakpoint, where the reader's columns stack.
 */
export function isWideScreen(): boolean {
  return window.matchMedia('(min-width: 56.01rem)').matches;
}
