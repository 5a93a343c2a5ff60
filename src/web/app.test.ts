import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, INTERNAL_ERROR, STATUS, type ErrorCode } from '../errors.js';
import { createApiKey } from '../services/api-keys.js';
import { seededSite, TEST_SITE, type SeededSite } from '#test/site.js';
import { logoSvg } from '../seed/demo-images.js';
import { createApp } from './app.js';
import { ADMIN_API_PATH, ADMIN_API_SESSION_PATH } from './api/admin/paths.js';
import { PROBLEM_BASE } from './api/problem.js';

const JSON_ACCEPT = { accept: 'application/json' };

async function problem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `${PROBLEM_BASE}${code.toLowerCase()}`, status, code });
  expect(typeof body['title']).toBe('string');
  expect(typeof body['detail']).toBe('string');
  return body;
}

describe('error answers of the public site', () => {
  let s: SeededSite;
  beforeAll(async () => {
    s = await seededSite('sqlite');
  });
  afterAll(async () => s?.cleanup());

  it('are RFC 9457 problems, as the API answers, to a client that asks for JSON', async () => {
    const badPath = await problem(await s.app.request('/en/%E0%A4%A', { headers: JSON_ACCEPT }), 400, 'BAD_REQUEST');
    expect(badPath).toMatchObject({ title: 'Bad request', detail: 'The address is not valid percent-encoding.', instance: '/en/%E0%A4%A' });
    expect(badPath['hint']).toContain('%');
    // curl's default Accept is */*: not asking for HTML is asking for data.
    await problem(await s.app.request(`/en/search?q=${'q'.repeat(3000)}`, { headers: { accept: '*/*' } }), 400, 'BAD_REQUEST');
    // /healthz always answers in JSON, its refusals too.
    await problem(await s.app.request(`/healthz?${'q'.repeat(3000)}`), 400, 'BAD_REQUEST');
  });

  it('carry the status STATUS gives the code, for every code, as a page, as a problem and from the API', async () => {
    const { key } = await createApiKey(s.deps, { name: 'status table test', role: 'editor' });
    const clock = s.deps.clock;
    try {
      for (const code of Object.keys(STATUS) as ErrorCode[]) {
        // Every request reads the clock: one that throws is an AppError raised from deep inside any route.
        s.deps.clock = () => {
          throw new AppError(code, `thrown as ${code}`);
        };
        const page = await s.app.request('/en/', { headers: { accept: 'text/html' } });
        expect([code, page.status, page.headers.get('content-type')]).toEqual([code, STATUS[code], 'text/html; charset=UTF-8']);
        await problem(await s.app.request('/en/', { headers: JSON_ACCEPT }), STATUS[code], code);
        await problem(await s.app.request(`${ADMIN_API_PATH}/articles`, { headers: { authorization: `Bearer ${key}` } }), STATUS[code], code);
      }
    } finally {
      s.deps.clock = clock;
    }
  });

  it("stay pages in the reader's language for a browser", async () => {
    const res = await s.app.request('/ru/%E0%A4%A', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<html lang="ru">');
    // A page the site renders as missing is a page, whatever the client asks for.
    const missing = await s.app.request('/en/section/no-such-section', { headers: JSON_ACCEPT });
    expect([missing.status, missing.headers.get('content-type')]).toEqual([404, 'text/html; charset=UTF-8']);
  });
});

describe('the one internal-error body', () => {
  it('is what the API, the public site and the admin say of a fault that is not an AppError', async () => {
    const s = await seededSite('sqlite');
    const { key } = await createApiKey(s.deps, { name: 'internal error test', role: 'editor' });
    // The database going away mid-flight is a fault nobody foresaw: every query now throws a plain Error.
    await s.db.close();
    try {
      const fromApi = await problem(await s.app.request('/api/admin/v1/articles', { headers: { authorization: `Bearer ${key}` } }), 500, 'INTERNAL');
      const fromSite = await problem(await s.app.request('/en/', { headers: JSON_ACCEPT }), 500, 'INTERNAL');
      const { instance: _a, ...api } = fromApi;
      const { instance: _s, ...site } = fromSite;
      expect(site).toEqual(api);
      expect(api).toEqual({
        type: `${PROBLEM_BASE}internal`,
        title: INTERNAL_ERROR.title,
        status: INTERNAL_ERROR.status,
        detail: INTERNAL_ERROR.message,
        code: INTERNAL_ERROR.code,
        hint: INTERNAL_ERROR.hint,
      });
      const fromAdmin = await s.app.request('/admin', { headers: { ...JSON_ACCEPT, cookie: `mh_session=${'a'.repeat(43)}` } });
      expect(fromAdmin.status).toBe(500);
      expect(await fromAdmin.json()).toEqual({ code: INTERNAL_ERROR.code, message: INTERNAL_ERROR.message, hint: INTERNAL_ERROR.hint });
      const adminPage = await s.app.request('/admin', { headers: { cookie: `mh_session=${'a'.repeat(43)}` } });
      expect(adminPage.status).toBe(500);
      const html = await adminPage.text();
      expect(html).toContain(INTERNAL_ERROR.message);
      expect(html).toContain(INTERNAL_ERROR.hint);
    } finally {
      await s.cleanup().catch(() => {});
    }
  });
});

describe('the Admin API', () => {
  it('is one router at two addresses, and names only the public one in what it gives out', async () => {
    const s = await seededSite('sqlite');
    try {
      const { key } = await createApiKey(s.deps, { name: 'two addresses', role: 'editor' });
      const at = async (base: string) => {
        const res = await s.app.request(`${base}/articles?limit=1`, { headers: { authorization: `Bearer ${key}` } });
        expect(res.status).toBe(200);
        return (await res.json()) as { items: { id: number }[]; next: string };
      };
      const [viaKeys, viaSession] = [await at(ADMIN_API_PATH), await at(ADMIN_API_SESSION_PATH)];
      expect(viaSession).toEqual(viaKeys);
      expect(viaKeys.next.startsWith(`${ADMIN_API_PATH}/articles?`)).toBe(true);
      for (const base of [ADMIN_API_PATH, ADMIN_API_SESSION_PATH]) {
        await problem(await s.app.request(`${base}/articles`), 401, 'UNAUTHENTICATED');
        await problem(await s.app.request(`${base}/no-such-endpoint`, { headers: { authorization: `Bearer ${key}` } }), 404, 'NOT_FOUND');
      }
    } finally {
      await s.cleanup();
    }
  });
});

describe('a feed refused while the writers are busy', () => {
  let s: SeededSite;
  beforeAll(async () => {
    s = await seededSite('sqlite');
  });
  afterAll(async () => s?.cleanup());

  // Regression: the HTML error page (a browser opening /feed.xml) said 503 without saying when to come back.
  it('says when to come back in Retry-After, to a feed reader and to a browser alike, and is never stored', async () => {
    const busy = () => Promise.reject(new AppError('FEED_BUSY', 'busy', { hint: 'later', details: { retryAfterSeconds: 7 } }));
    const app = createApp({ deps: s.deps, site: TEST_SITE, dataDir: s.dataDir, logo: logoSvg(TEST_SITE.siteName), writeFeed: busy });
    for (const accept of ['application/rss+xml, application/xml;q=0.9', 'text/html,application/xhtml+xml']) {
      const res = await app.request('/feed.xml', { headers: { accept } });
      expect(res.status, accept).toBe(503);
      expect(res.headers.get('retry-after'), accept).toBe('7');
      expect(res.headers.get('cache-control'), accept).toBe('no-store');
    }
  });
});
