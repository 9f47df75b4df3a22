/**
 * Reading order of a PDF page laid out in columns. PDF text comes as positioned pieces; grouping
 * them into lines by baseline alone reads a two-column page ACROSS the columns (a line of the left
 * column and the line of the right one sharing its baseline become one line). So pieces are first
 * clustered into columns by their horizontal extent: a column is a band of x that text fills on
 * many lines, separated from the next by a gutter no piece crosses. Pieces that cross a gutter
 * (a title over both columns, a footer) are read before the columns if they lie above them, else
 * after.
 */

export interface PositionedPiece {
  x: number;
  y: number;
  width: number;
  size: number;
}

/** A gutter is at least this many font sizes wide (a word space is about a quarter of one). */
const MIN_GUTTER_SIZES = 1;
/** Pieces a column holds at least; fewer (a page number, a stray label) is not a column. */
const MIN_COLUMN_PIECES = 3;
/** A piece wider than this share of the text's width spans columns (titles, single-column prose). */
const SPANNING_SHARE = 0.55;
/** With more than this share of spanning pieces the page is prose in one column. */
const MAX_SPANNING_SHARE = 0.25;

/** The page's pieces in reading-order groups: above the columns, each column left to right, below. */
export function columnGroups<T extends PositionedPiece>(pieces: readonly T[]): T[][] {
  if (pieces.length < MIN_COLUMN_PIECES * 2) return [[...pieces]];
  const left = Math.min(...pieces.map((piece) => piece.x));
  const right = Math.max(...pieces.map((piece) => piece.x + piece.width));
  const span = right - left;
  const narrow = pieces.filter((piece) => piece.width <= span * SPANNING_SHARE);
  if (pieces.length - narrow.length > pieces.length * MAX_SPANNING_SHARE) return [[...pieces]];
  const bands = columnBands(narrow, medianSize(pieces) * MIN_GUTTER_SIZES);
  if (bands.length < 2) return [[...pieces]];

  const columns: T[][] = bands.map(() => []);
  const spanning: T[] = [];
  for (const piece of pieces) {
    const index = bands.findIndex((band) => piece.x >= band.start - 0.5 && piece.x + piece.width <= band.end + 0.5);
    if (index === -1) spanning.push(piece);
    else columns[index]?.push(piece);
  }
  const columnTop = Math.max(...columns.flat().map((piece) => piece.y));
  const above = spanning.filter((piece) => piece.y > columnTop);
  const below = spanning.filter((piece) => piece.y <= columnTop);
  return [above, ...columns, below].filter((group) => group.length > 0);
}

interface Band {
  start: number;
  end: number;
  pieces: number;
}

/** Horizontal bands of text separated by gutters at least `minimumGap` wide, each holding enough pieces. */
function columnBands(pieces: readonly PositionedPiece[], minimumGap: number): Band[] {
  const sorted = [...pieces].sort((a, b) => a.x - b.x);
  const bands: Band[] = [];
  for (const piece of sorted) {
    const last = bands.at(-1);
    if (last && piece.x < last.end + minimumGap) {
      last.end = Math.max(last.end, piece.x + piece.width);
      last.pieces += 1;
    } else {
      bands.push({ start: piece.x, end: piece.x + piece.width, pieces: 1 });
    }
  }
  // A band too small to be a column joins its neighbour on the left (or right, for the first).
  const merged: Band[] = [];
  for (const band of bands) {
    const last = merged.at(-1);
    if (last && (band.pieces < MIN_COLUMN_PIECES || last.pieces < MIN_COLUMN_PIECES)) {
      last.end = Math.max(last.end, band.end);
      last.pieces += band.pieces;
    } else {
      merged.push({ ...band });
    }
  }
  return merged;
}

function medianSize(pieces: readonly PositionedPiece[]): number {
  const sizes = pieces.map((piece) => piece.size).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] ?? 10;
}
