import { describe, expect, it } from 'vitest';
import { backupName } from '../../../src-main/core/userdata/file-names';
import { backupTakenAt, describeBackup } from '../../../src-renderer/lib/backup-name';

describe('the recovery banner names the backup by its date', () => {
  it('reads back the time the core wrote into the name, with or without a sequence number', () => {
    const taken = new Date('2026-11-28T17:50:00.123Z');
    expect(backupTakenAt(backupName(taken))?.toISOString()).toBe('2026-11-28T17:50:00.123Z');
    expect(backupTakenAt(backupName(taken, 2))?.toISOString()).toBe('2026-11-28T17:50:00.123Z');
  });

  it('shows the local date then the file name; any other name as it is', () => {
    const name = backupName(new Date('2026-11-28T17:50:00.123Z'));
    const shown = describeBackup(name, 'es');
    expect(shown.endsWith(` (${name})`)).toBe(true);
    expect(shown).toContain('2026');
    expect(describeBackup('copia-manual.sqlite', 'es')).toBe('copia-manual.sqlite');
    expect(backupTakenAt('user-2026-13-45T99-00-00-000Z.sqlite')).toBeNull();
  });
});
