import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeJson } from '../../../src-main/serve/json-encoding';

/** A search answer's shape at a realistic size: 15 hits with snippets (about 10 kB of JSON). */
const answer = {
  total: 412,
  hits: Array.from({ length: 15 }, (_, index) => ({
    id: `doc-${index}`,
    title: `Carta ${index} sobre el espionaje a periodistas`,
    snippet: '…el gobierno <mark>espió</mark> a periodistas y defensores de derechos humanos con Pegasus…'.repeat(6),
  })),
};

describe('encodeJson (API answers over a slow hotspot)', () => {
  it('gzips a large answer for a client that accepts gzip, and it decodes to the same JSON', () => {
    const { body, headers } = encodeJson(answer, 'gzip, deflate');
    expect(headers).toEqual({ 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(answer);
    expect(body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(answer)) / 4);
  });

  it('sends plain JSON to a client that refuses gzip or names none', () => {
    for (const accept of [undefined, 'identity', 'gzip;q=0']) {
      const { body, headers } = encodeJson(answer, accept);
      expect(headers).toEqual({ Vary: 'Accept-Encoding' });
      expect(body.toString('utf8')).toBe(JSON.stringify(answer));
    }
  });

  it('leaves a small answer (a status) alone', () => {
    expect(encodeJson({ state: 'ready' }, 'gzip')).toEqual({ body: Buffer.from('{"state":"ready"}'), headers: {} });
  });
});
