import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';

/** A line of text placed at (x, y) in points, in Helvetica of `size`. */
export interface PlacedLine {
  text: string;
  x: number;
  y: number;
  size?: number;
  /** Counter-clockwise rotation in degrees (a vertical axis title: 90). */
  rotate?: number;
}

/**
 * A one-page PDF (A4) with each line drawn where it is told, so that tests can lay out columns,
 * hyphenated line ends and figure labels exactly, without any office suite.
 */
export async function pdfWithLines(lines: readonly PlacedLine[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([595, 842]);
  for (const line of lines) {
    page.drawText(line.text, {
      x: line.x,
      y: line.y,
      size: line.size ?? 10,
      font,
      ...(line.rotate === undefined ? {} : { rotate: degrees(line.rotate) }),
    });
  }
  return document.save({ useObjectStreams: false });
}

/** Lines of a column, top to bottom, starting at `top`, 12 pt apart. */
export function column(x: number, top: number, texts: readonly string[], size = 10): PlacedLine[] {
  return texts.map((text, index) => ({ text, x, y: top - index * 12, size }));
}
