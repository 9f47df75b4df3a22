import {
  DEFAULT_ACTIVITY_SETTINGS,
  SEARCH_HISTORY_KEPT,
  type ActivitySettings,
  type ActivitySettingsChanges,
  type ReadingPosition,
  type ReadingPositionInput,
  type SearchHistoryEntry,
  type SearchRecord,
} from '../../common/collections';
import type { SqliteDatabase } from '../db/open-database';

interface PositionRow {
  document_id: string;
  title: string;
  start: number;
  quote: string;
  updated: string;
}

const SETTING_KEYS = ['rememberReading', 'keepSearchHistory'] as const satisfies ReadonlyArray<keyof ActivitySettings>;
/** Set once the user answered the first-start question about encrypting the notes (either way). */
const ENCRYPTION_ANSWERED_KEY = 'encryptionQuestionAnswered';

/**
 * What the user did in the archive (searches run, where they stopped reading) and whether it may
 * be kept at all. Both are OFF until the user turns them on: while off, `recordSearch` and
 * `savePosition` write nothing, and turning one off erases what it had kept, in the same
 * transaction as the setting.
 */
export class ActivityStore {
  private readonly statements;

  constructor(
    readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = {
      setting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      putSetting: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      // The same search run again moves to the top instead of filling the list with copies.
      record: db.prepare<[string, string, string]>(
        'INSERT INTO search_history (query, params, searched) VALUES (?, ?, ?) ' +
          'ON CONFLICT (params) DO UPDATE SET query = excluded.query, searched = excluded.searched, ' +
          'seq = (SELECT max(seq) + 1 FROM search_history)',
      ),
      trimHistory: db.prepare<[number]>(
        'DELETE FROM search_history WHERE seq NOT IN (SELECT seq FROM search_history ORDER BY seq DESC LIMIT ?)',
      ),
      history: db.prepare<[], SearchHistoryEntry>(
        'SELECT query, params, searched FROM search_history ORDER BY seq DESC',
      ),
      clearHistory: db.prepare('DELETE FROM search_history'),
      putPosition: db.prepare<PositionRow>(
        'INSERT INTO reading_positions (document_id, title, start, quote, updated) ' +
          'VALUES (@document_id, @title, @start, @quote, @updated) ON CONFLICT (document_id) DO UPDATE SET ' +
          'title = excluded.title, start = excluded.start, quote = excluded.quote, updated = excluded.updated',
      ),
      position: db.prepare<[string], PositionRow>('SELECT * FROM reading_positions WHERE document_id = ?'),
      recent: db.prepare<[number], PositionRow>(
        'SELECT * FROM reading_positions ORDER BY updated DESC, document_id LIMIT ?',
      ),
      clearPositions: db.prepare('DELETE FROM reading_positions'),
    };
  }

  settings(): ActivitySettings {
    const settings = { ...DEFAULT_ACTIVITY_SETTINGS };
    for (const key of SETTING_KEYS) {
      const row = this.statements.setting.get(key);
      if (row) settings[key] = row.value === 'true';
    }
    return settings;
  }

  /** Saves the changed settings; one turned off clears what it kept (history or positions). */
  updateSettings(changes: ActivitySettingsChanges): ActivitySettings {
    this.db
      .transaction(() => {
        for (const key of SETTING_KEYS) {
          const value = changes[key];
          if (value === undefined) continue;
          this.statements.putSetting.run(key, String(value));
          if (value) continue;
          if (key === 'rememberReading') this.statements.clearPositions.run();
          else this.statements.clearHistory.run();
        }
      })
      .immediate();
    return this.settings();
  }

  /** Whether the first-start question "encrypt your notes?" was answered (yes or not now). */
  encryptionQuestionAnswered(): boolean {
    return this.statements.setting.get(ENCRYPTION_ANSWERED_KEY)?.value === 'true';
  }

  answerEncryptionQuestion(): void {
    this.statements.putSetting.run(ENCRYPTION_ANSWERED_KEY, 'true');
  }

  /** Keeps the search in the history when history is on; false when it was not kept. */
  recordSearch(search: SearchRecord): boolean {
    if (!this.settings().keepSearchHistory) return false;
    this.db
      .transaction(() => {
        this.statements.record.run(search.query, search.params, this.stamp());
        this.statements.trimHistory.run(SEARCH_HISTORY_KEPT);
      })
      .immediate();
    return true;
  }

  /** Newest first. */
  searchHistory(): SearchHistoryEntry[] {
    return this.statements.history.all();
  }

  clearSearchHistory(): void {
    this.statements.clearHistory.run();
  }

  /** Remembers where the user is in a document when reading positions are on; false when not kept. */
  savePosition(input: ReadingPositionInput): boolean {
    if (!this.settings().rememberReading) return false;
    this.statements.putPosition.run({
      document_id: input.documentId,
      title: input.title,
      start: input.start,
      quote: input.quote,
      updated: this.stamp(),
    });
    return true;
  }

  /** Null when none is kept (never read, or reading positions are off). */
  position(documentId: string): ReadingPosition | null {
    const row = this.statements.position.get(documentId);
    return row ? toPosition(row) : null;
  }

  /** The documents read most recently, newest first ("continue reading"). */
  recentPositions(limit: number): ReadingPosition[] {
    return this.statements.recent.all(limit).map(toPosition);
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function toPosition(row: PositionRow): ReadingPosition {
  return { documentId: row.document_id, title: row.title, start: row.start, quote: row.quote, updated: row.updated };
}
