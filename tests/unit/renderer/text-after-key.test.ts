import { describe, expect, it } from 'vitest';
import { textAfterKey } from '../../../src-renderer/app/use-query-typing';

/** A plain key press, as a keydown carries it. */
const key = (value: string, extra: Partial<KeyboardEvent> = {}) => ({
  key: value,
  isComposing: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  defaultPrevented: false,
  ...extra,
});
/** The search box with its caret at the end of `value`, unless a selection is given. */
const box = (value: string, selectionStart = value.length, selectionEnd = selectionStart) => ({
  value,
  selectionStart,
  selectionEnd,
  readOnly: false,
  disabled: false,
});

describe('the text a keydown will leave in the search box (its search leaves at once)', () => {
  it('adds a printable character typed at the end, accents and spaces included', () => {
    expect(textAfterKey(key('a'), box('transparenci'))).toBe('transparencia');
    expect(textAfterKey(key('ó'), box('corrupci'))).toBe('corrupció');
    expect(textAfterKey(key(' '), box('gobierno'))).toBe('gobierno ');
  });

  it('cannot tell for named keys, modifiers, input methods, a caret before the end or a selection', () => {
    for (const named of ['Enter', 'Backspace', 'ArrowLeft', 'Dead', 'Unidentified'])
      expect(textAfterKey(key(named), box('agua'))).toBeNull();
    expect(textAfterKey(key('v', { ctrlKey: true }), box('agua'))).toBeNull();
    expect(textAfterKey(key('a', { isComposing: true }), box('agua'))).toBeNull();
    expect(textAfterKey(key('a', { defaultPrevented: true }), box('agua'))).toBeNull();
    expect(textAfterKey(key('s'), box('agua', 2))).toBeNull();
    expect(textAfterKey(key('s'), box('agua', 0, 4))).toBeNull();
  });
});
