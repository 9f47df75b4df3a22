import type { PositionedPiece } from './pdf-columns';
import { dominantSize } from './pdf-dominant-size';

/**
 * Text that belongs to a figure, not to the prose: axis labels, tick values, legends. Read with
 * the page's lines, such labels run together ("Porcentaje025 50") or into the body text sharing
 * their baseline. Two signs mark a piece as a figure's:
 *
 * - it is rotated (prose is set horizontally; a vertical axis title is not);
 * - it is small, short and scattered: smaller than the body text, a few words at most, standing
 *   apart from any other text on its line, with at least two more such labels near it (a single
 *   short note, or a footnote's last line, is not a figure).
 *
 * Those pieces are taken out of the reading flow and kept as a block of their own, each label
 * apart from the next, so no word is lost and none is glued to another.
 */

/** A piece of a page's text where pdf.js draws it. */
export interface FigureCandidate extends PositionedPiece {
  text: string;
  /** Set from the text matrix: the piece is not drawn horizontally. */
  rotated: boolean;
}

/** Smaller than this share of the body size counts as small type. */
const SMALL_SHARE = 0.85;
/** A label has at most this many words. */
const MAX_LABEL_WORDS = 4;
/** Labels closer than this many body sizes belong to one figure. */
const NEIGHBOURHOOD_SIZES = 10;
/** A figure has at least this many small labels (rotated text needs no company). */
const MIN_CLUSTER_LABELS = 3;
/** Text at most this many font sizes away on the same baseline is the label's own line. */
const APART_SIZES = 1.5;

/** Whether a text matrix [a, b, c, d, e, f] draws rotated (or skewed) text. */
export function isRotated(transform: readonly number[]): boolean {
  const [a = 1, b = 0, c = 0] = transform;
  return Math.abs(b) > Math.abs(a) * 0.05 || Math.abs(c) > Math.abs(a) * 0.05 || a < 0;
}

/** The page's pieces split into running text and figure labels (both in the order given). */
export function separateFigureText<T extends FigureCandidate>(pieces: readonly T[]): { text: T[]; figure: T[] } {
  const bodySize = dominantSize(pieces, 10);
  const shortAndSmall = pieces.filter(
    (piece) =>
      !piece.rotated &&
      piece.size < bodySize * SMALL_SHARE &&
      piece.text.trim().split(/\s+/).length <= MAX_LABEL_WORDS &&
      standsApart(piece, pieces),
  );
  // A page whose text is mostly rotated is a rotated page, not a figure.
  const characters = (list: readonly T[]) => list.reduce((total, piece) => total + piece.text.length, 0);
  const rotated = pieces.filter((piece) => piece.rotated);
  const labels = new Set<T>(characters(rotated) * 2 < characters(pieces) ? rotated : []);
  for (const piece of shortAndSmall) {
    const near = shortAndSmall.filter(
      (other) => Math.hypot(other.x - piece.x, other.y - piece.y) <= bodySize * NEIGHBOURHOOD_SIZES,
    );
    if (near.length >= MIN_CLUSTER_LABELS) labels.add(piece);
  }
  if (labels.size === 0) return { text: [...pieces], figure: [] };
  return {
    text: pieces.filter((piece) => !labels.has(piece)),
    figure: pieces.filter((piece) => labels.has(piece)),
  };
}

/** No other piece continues the label's line: nothing on its baseline within a few sizes either side. */
function standsApart(piece: FigureCandidate, pieces: readonly FigureCandidate[]): boolean {
  const reach = piece.size * APART_SIZES;
  return pieces.every(
    (other) =>
      other === piece ||
      Math.abs(other.y - piece.y) > Math.max(other.size, piece.size) * 0.5 ||
      other.x > piece.x + piece.width + reach ||
      other.x + other.width < piece.x - reach,
  );
}

/** The figure's labels as one line of text, top to bottom and left to right, each kept apart. */
export function figureLabelText(figure: readonly FigureCandidate[]): string {
  return [...figure]
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((piece) => piece.text.replace(/\s+/g, ' ').trim())
    .filter((text) => text !== '')
    .join(' · ');
}
