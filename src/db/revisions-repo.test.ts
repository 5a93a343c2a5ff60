import { describe, expect, it } from 'vitest';
import { stringifyWithBody } from './revisions-repo.js';

describe('a revision snapshot with its body spliced in (stringifyWithBody)', () => {
  const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Степь "ветер" \\ \u0000 \u2028 😀' }] }] };
  const cases: Record<string, unknown>[] = [
    { locale: 'ru', headline: 'Новость', body, status: 'published', slug: 'novost' },
    { body, headline: 'first' },
    { headline: 'last', tags: [1, 2], body },
    { headline: 'a body-like text in another field: "body":{"type":"doc"}', deck: null, body, nested: { body: 'not this one' } },
    { headline: 'no body at all' },
  ];
  it('is JSON.stringify of the snapshot, byte for byte, wherever the body is among the keys', () => {
    for (const snapshot of cases) expect(stringifyWithBody(snapshot, JSON.stringify(snapshot['body']))).toBe(JSON.stringify(snapshot));
  });
  it('takes the body text it is given rather than stringifying the body again', () => {
    expect(JSON.parse(stringifyWithBody({ headline: 'h', body, status: 'draft' }, '{"given":true}'))).toEqual({
      headline: 'h',
      body: { given: true },
      status: 'draft',
    });
  });
});
