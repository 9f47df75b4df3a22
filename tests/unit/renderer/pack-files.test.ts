import { describe, expect, it } from 'vitest';
import { pickPackFiles } from '../../../src-renderer/lib/pack-files';

const file = (name: string): File => new File(['x'], name);

describe('pickPackFiles', () => {
  it('pairs a pack with its own .minisig, in either order', () => {
    const picked = pickPackFiles([file('prensa-2026.2.archive.minisig'), file('prensa-2026.2.archive')]);
    expect(picked?.pack.name).toBe('prensa-2026.2.archive');
    expect(picked?.signature?.name).toBe('prensa-2026.2.archive.minisig');
  });

  it("ignores another pack's signature and takes a lone file of any name as the pack", () => {
    const other = pickPackFiles([file('prensa-2026.2.archive'), file('prensa-2026.1.archive.minisig')]);
    expect(other).toEqual({ pack: expect.objectContaining({ name: 'prensa-2026.2.archive' }) as unknown });
    expect(pickPackFiles([file('renombrado.bin')])?.pack.name).toBe('renombrado.bin');
    expect(pickPackFiles([file('solo.archive.minisig')])).toBeNull();
  });
});
