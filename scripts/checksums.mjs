// SHA256SUMS.txt in the format `sha256sum -c` and `shasum -a 256 -c` read: one line per
// file, "<64 hex>  <name>" (two spaces: text mode), names relative to the folder.
import { createHash } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CHECKSUMS_FILE = 'SHA256SUMS.txt';

/** SHA-256 of a file, streamed: installers are hundreds of megabytes. */
export function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** Writes `<folder>/SHA256SUMS.txt` for `names` (files in `folder`); returns its path. */
export async function writeChecksums(folder, names) {
  const lines = [];
  for (const name of names) lines.push(`${await sha256File(path.join(folder, name))}  ${name}`);
  const file = path.join(folder, CHECKSUMS_FILE);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
