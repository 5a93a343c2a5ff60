import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libreTranslate, machineTranslator } from './machine-translate.js';

let server: http.Server;
let url = '';
const seen: Record<string, unknown>[] = [];
beforeAll(async () => {
  // A fake LibreTranslate: checks the key, "translates" by tagging the text, keeps the markup.
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { q: string; source: string; target: string; format: string; api_key?: string };
      seen.push(body);
      if (req.url !== '/translate') return void res.writeHead(404).end();
      if (body.api_key !== 'secret') return void res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Invalid API key' }));
      if (body.q.includes('slow')) return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ translatedText: body.q.replace('Суд', `[${body.target}] Court`) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

describe('LibreTranslate adapter', () => {
  it('sends the HTML with the languages and the key, and returns the translation', async () => {
    const t = libreTranslate({ url: `${url}/`, key: 'secret' });
    expect(await t.translate('<p>Суд отменил</p>', 'ru', 'en')).toBe('<p>[en] Court отменил</p>');
    expect(seen.at(-1)).toEqual({ q: '<p>Суд отменил</p>', source: 'ru', target: 'en', format: 'html', api_key: 'secret' });
  });
  it('reports a refused key, a dead service and a slow one as TRANSLATE_FAILED', async () => {
    await expect(libreTranslate({ url, key: 'wrong' }).translate('<p>x</p>', 'ru', 'en')).rejects.toMatchObject({
      code: 'TRANSLATE_FAILED',
      message: expect.stringContaining('Invalid API key'),
    });
    await expect(libreTranslate({ url: 'http://127.0.0.1:1', key: null }).translate('x', 'ru', 'en')).rejects.toMatchObject({ code: 'TRANSLATE_FAILED' });
    await expect(libreTranslate({ url, key: 'secret', timeoutMs: 200 }).translate('slow', 'ru', 'en')).rejects.toMatchObject({ code: 'TRANSLATE_FAILED' });
  });
  it('is off unless TRANSLATE_URL is set', () => {
    expect(machineTranslator(null)).toBeNull();
    expect(machineTranslator({ url, key: null })).not.toBeNull();
  });
});
