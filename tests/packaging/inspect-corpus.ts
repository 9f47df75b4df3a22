// Opens a packaged corpus database the way the app does (openArchive) and prints what the
// packaging test checks, as one JSON line: {info, titles}. pack-dir.mjs bundles it with esbuild.
import { openArchive } from '../../src-main/core/store/archive';

const file = process.argv[2];
if (!file) {
  console.error('usage: node inspect-corpus.cjs <corpus.sqlite>');
  process.exit(1);
}
const archive = openArchive(file);
try {
  const all = archive.search({ query: '', limit: 1000 });
  process.stdout.write(
    `${JSON.stringify({ info: archive.info, total: all.total, titles: all.hits.map((hit) => hit.title).sort() })}\n`,
  );
} finally {
  archive.close();
}
