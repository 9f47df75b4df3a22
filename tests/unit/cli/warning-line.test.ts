import { describe, expect, it } from 'vitest';
import { warningLine } from '../../../src-main/cli/build-command';

describe('build warnings on the terminal', () => {
  it('escapes terminal control sequences in the file name and keeps the line number', () => {
    const file = 'posts/\u001b]0;pwned\u0007title.md';
    const line = warningLine({ file, line: 7, message: 'Unsupported Liquid tag {% foo %} removed' });
    expect(line).toBe('posts/\\u001b]0;pwned\\u0007title.md:7: Unsupported Liquid tag {% foo %} removed');
    expect(line).not.toContain('\u001b');
  });

  it('escapes a bidi override so the printed name reads as stored', () => {
    expect(warningLine({ file: 'Factura \u202Efdp.exe', message: 'Binary file skipped' })).toBe(
      'Factura \\u202efdp.exe: Binary file skipped',
    );
  });
});
