#!/usr/bin/env node
// Draws the app icon (512×512 PNG, original artwork): a page with lines of text under a
// magnifying glass on a deep-green rounded square. Pure Node (zlib for the PNG stream),
// so the icon can be regenerated anywhere:  node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4×4 supersampling per pixel for smooth edges

const background = [22, 92, 78];
const page = [250, 248, 240];
const flap = [214, 210, 196];
const ink = [120, 130, 125];
const lens = [240, 196, 64];

const inRoundedRect = (x, y, left, top, right, bottom, radius) => {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};

/** The colour at a point, painter's order, or null outside the icon. */
function colourAt(x, y) {
  if (!inRoundedRect(x, y, 16, 16, 496, 496, 96)) return null;
  let colour = background;
  // The page, with its top-right corner folded: above the diagonal is cut away,
  // below it is the back of the flap.
  const inCorner = x > 300 && y < 148;
  const aboveDiagonal = x - 300 > y - 88;
  const inPage = x >= 120 && x <= 360 && y >= 88 && y <= 424 && !(inCorner && aboveDiagonal);
  if (inPage) colour = inCorner ? flap : page;
  // Lines of text.
  for (const [top, right] of [
    [170, 320],
    [206, 320],
    [242, 300],
    [278, 320],
    [314, 260],
  ]) {
    if (inPage && x >= 150 && x <= right && y >= top && y <= top + 14) colour = ink;
  }
  // The magnifying glass: a ring and a handle.
  const d = Math.hypot(x - 330, y - 330);
  if (d >= 70 && d <= 96) colour = lens;
  const along = (x - 330 + (y - 330)) / Math.SQRT2;
  const across = (x - 330 - (y - 330)) / Math.SQRT2;
  if (along >= 96 && along <= 200 && Math.abs(across) <= 20) colour = lens;
  return colour;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a += 1;
      }
    }
    const o = row + 1 + px * 4;
    if (a > 0) {
      raw[o] = Math.round(r / a);
      raw[o + 1] = Math.round(g / a);
      raw[o + 2] = Math.round(b / a);
    }
    raw[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources/icons/icon.png');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`Wrote ${out} (${SIZE}×${SIZE}, ${png.length} bytes)`);
