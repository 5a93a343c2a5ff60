import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../errors.js';
import { CHUNK, countedBody, MB } from '#test/bodies.js';
import { bodyLimit, readForm, readJson } from './body.js';

const LIMIT = 256 * 1024;

/** An app whose one route reads its body as `read` says, behind a 256 KB limit, answering errors with their code. */
function app(read: 'json' | 'form' | 'none') {
  const a = new Hono();
  a.use(bodyLimit(LIMIT, () => new AppError('PAYLOAD_TOO_LARGE', 'too large')));
  a.post('/', async (c) => c.json({ read: read === 'json' ? await readJson(c) : read === 'form' ? await readForm(c) : null }));
  a.onError((e, c) => c.json({ code: isAppError(e) ? e.code : 'INTERNAL' }, isAppError(e) ? e.status : 500));
  return a;
}

describe('request bodies', () => {
  it('cuts a body at the limit as it is read, even under a Content-Length that says less', async () => {
    const body = countedBody(10 * MB);
    const res = await app('json').request('/', { method: 'POST', ...body.init, headers: { 'content-length': '10' } });
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
  });

  it('does not read a body nobody asks for', async () => {
    const body = countedBody(10 * MB);
    expect((await app('none').request('/', { method: 'POST', ...body.init })).status).toBe(200);
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('reads bodies within the limit as they were sent', async () => {
    const json = await app('json').request('/', { method: 'POST', body: '{"a": [1, "two"]}', headers: { 'content-type': 'application/json' } });
    expect(await json.json()).toEqual({ read: { a: [1, 'two'] } });
    const form = await app('form').request('/', { method: 'POST', body: 'a=1&b=two', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await form.json()).toEqual({ read: { a: '1', b: 'two' } });
  });

  it('answers bodies that do not parse with 400 BAD_REQUEST', async () => {
    for (const [read, type, body] of [
      ['form', 'multipart/form-data; boundary=x', 'no boundary here'],
      ['form', 'multipart/form-data', '--x\r\n'],
      ['json', 'application/json', '{"a": '],
      ['json', 'application/json', '   '],
    ] as const) {
      const res = await app(read).request('/', { method: 'POST', body, headers: { 'content-type': type } });
      expect([read, type, res.status, await res.json()]).toEqual([read, type, 400, { code: 'BAD_REQUEST' }]);
    }
  });
});
