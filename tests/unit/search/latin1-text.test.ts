import { describe, expect, it } from 'vitest';
import { asOneByteString, fromLatin1Text, toLatin1Text } from '../../../src-main/core/search/latin1-text';

describe('Latin1Text', () => {
  it('gives back exactly the text it stored, quotes, dashes, astral chars and the stand-in included', () => {
    for (const text of [
      'Dijo: “el gobierno” — y se fue…',
      'señor 𝔊 año\u007fdel',
      '',
      'sin nada que cambiar, ñandú',
      '“',
    ]) {
      const stored = toLatin1Text(text);
      expect(stored.stored.length).toBe(text.length);
      expect(stored.stored).not.toMatch(/[\u0100-\uffff]/);
      expect(fromLatin1Text(stored)).toBe(text);
    }
    expect(toLatin1Text('Dijo: “sí”').replaced).toBe('“”');
    expect(toLatin1Text('ñandú').offsets).toBeNull();
  });

  it('copies Latin-1 text into an equal string', () => {
    const twoByteSlice = 'año “x”'.slice(0, 3);
    expect(asOneByteString(twoByteSlice)).toBe('año');
  });
});
