/**
 * Rewrites a corpus database from the documents of an existing one (no import): lets search
 * work iterate on the stored index/schema at 10,000 documents without re-importing (minutes).
 *   tsx bench/search-rebuild.ts <from.sqlite> <to.sqlite>
 */
import Database from 'better-sqlite3';
import type { ImportedAsset, ImportedDocument } from '../src-main/core/import/model';
import { writeCorpusDatabase } from '../src-main/core/store/corpus-writer';
import { CorpusReader } from '../src-main/core/store/corpus-reader';

const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error('usage: tsx bench/search-rebuild.ts <from.sqlite> <to.sqlite>');
const db = new Database(from, { readonly: true, fileMustExist: true });
const links = new Map<string, string[]>();
for (const row of db
  .prepare<[], { document_id: string; asset_id: string }>('SELECT document_id, asset_id FROM document_assets')
  .all()) {
  links.set(row.document_id, [...(links.get(row.document_id) ?? []), row.asset_id]);
}
// Documents through the app's reader: texts and HTML live in compressed blocks (store/document-blocks.ts).
const reader = new CorpusReader(from);
const documents: ImportedDocument[] = db
  .prepare<[], { id: string }>('SELECT id FROM documents ORDER BY id')
  .all()
  .map(({ id }) => {
    const document = reader.getDocument(id);
    if (!document) throw new Error(`${from}: document ${id} cannot be read`);
    return { ...document, assetIds: links.get(id) ?? [] };
  });
reader.close();
const assets = db.prepare<[], ImportedAsset>('SELECT id, mime, bytes, source FROM assets').all();
db.close();
const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
writeCorpusDatabase(to, { documents, assets, name: 'bench', version: '1', buildDate: '2026-01-01T00:00:00.000Z' });
const used = process.cpuUsage(cpu);
console.log(
  `wrote ${documents.length} documents to ${to}: ${(Number(process.hrtime.bigint() - started) / 1e6) | 0} ms wall, ${((used.user + used.system) / 1000) | 0} ms CPU`,
);
