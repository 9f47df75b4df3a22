import { describe, expect, it } from 'vitest';
import { documentIdFor } from '../../../src-main/core/import/identity';

describe("a document's id", () => {
  it('is the first 16 hex digits of the SHA-256 of its source path', () => {
    // sha256("docs/_posts/2017-06-19-vigilancia.md") = 2efa348d…, computed apart (Python's hashlib).
    expect(documentIdFor('docs/_posts/2017-06-19-vigilancia.md')).toBe('2efa348de534c753');
  });
});
