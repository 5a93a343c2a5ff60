import { beforeAll, expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson, type ApiRole } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/front-pages';
const ROLES: ApiRole[] = ['admin', 'editor', 'author', 'translator', 'contributor'];

/** The article links inside <main>, in page order: the lead first. */
const storiesInMain = (html: string) => {
  const main = /<main id="main">([\s\S]*)<\/main>/.exec(html)![1]!;
  const aside = main.indexOf('<aside>');
  return [...(aside >= 0 ? main.slice(0, aside) : main).matchAll(/<a href="\/en\/[a-z0-9-]+\/\d{4}\/\d{2}\/[a-z0-9-]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
};

describeApi('Admin API front pages: %s', ({ site: s, newsroom: n, keys, call }) => {
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const make = (headline: string, at: string, extra: Record<string, unknown> = {}) =>
      createArticle(s.deps, { locale: 'en', headline, body: doc('Text.'), sectionId: n.politics, status: 'published', publishedAt: at, ...extra });
    ids['old'] = await make('An older story with no picture', '2026-11-19T08:00:00.000Z');
    ids['mid'] = await make('A middle story', '2026-11-19T10:00:00.000Z', { sectionId: n.economy });
    ids['new'] = await make('The newest story with a picture', '2026-11-20T11:00:00.000Z', { hero: { mediaId: n.photo, alt: 'A square' } });
    ids['later'] = await make('Embargoed until tomorrow', '2026-11-21T06:00:00.000Z');
    ids['ru'] = await createArticle(s.deps, { locale: 'ru', headline: 'По-русски', body: doc('Текст.'), sectionId: n.politics, status: 'published' });
  });

  it('GET shows nothing pinned at first, and what readers are shown: the newest story with a picture leads', async () => {
    const body = await expectJson(await call(keys.editor, 'GET', `${BASE}/en`));
    expect(body).toEqual({
      locale: 'en',
      lead: null,
      top: [],
      sections: [],
      updatedAt: null,
      updatedBy: null,
      shown: { lead: ids['new'], top: [] },
      version: expect.any(String),
    });
    expect(storiesInMain(await (await s.app.request('/en/')).text())[0]).toBe('The newest story with a picture');
  });

  it('PUT pins the lead and the top stories: the lead is the first story in the home page’s <main>, the top stories follow in order', async () => {
    const sent = {
      lead: ids['old'],
      top: [{ articleId: ids['mid'] }, { articleId: ids['new'], until: '2026-11-20T18:00:00+05:00' }],
      sections: ['economy', 'politics'],
    };
    const body = await expectJson(await call(keys.editor, 'PUT', `${BASE}/en`, sent));
    expect(body).toEqual({
      locale: 'en',
      lead: ids['old'],
      top: [
        { articleId: ids['mid'], until: null },
        { articleId: ids['new'], until: '2026-11-20T13:00:00.000Z' },
      ],
      sections: ['economy', 'politics'],
      updatedAt: '2026-11-20T12:00:00.000Z',
      updatedBy: null,
      shown: { lead: ids['old'], top: [ids['mid'], ids['new']] },
      version: expect.any(String),
    });
    expect(await expectJson(await call(keys.author, 'GET', `${BASE}/en`))).toEqual(body);
    const res = await s.app.request('/en/');
    expect(res.headers.get('surrogate-key')).toMatch(/\bfront-en\b/);
    const html = await res.text();
    expect(storiesInMain(html).slice(0, 3)).toEqual(['An older story with no picture', 'A middle story', 'The newest story with a picture']);
    expect(html).toContain('<h2 id="top-stories">Top stories</h2>');
    // The audit row names the key that did it.
    const [row] = await listAudit(s.db.kysely, { subjectType: 'front-page', limit: 1 });
    expect(row).toMatchObject({ action: 'front-page.update', actorUserId: null, details: { locale: 'en' } });
    expect(typeof row!.details['apiKeyId']).toBe('number');
  });

  it("a GET's answer can be sent back as it is", async () => {
    const got = await expectJson(await call(keys.editor, 'GET', `${BASE}/en`));
    const again = await expectJson(await call(keys.admin, 'PUT', `${BASE}/en`, got));
    expect({ ...again, updatedAt: null }).toEqual({ ...got, updatedAt: null });
  });

  it('a pinned story readers cannot see yet is kept but not shown', async () => {
    const body = await expectJson(await call(keys.editor, 'PUT', `${BASE}/en`, { lead: ids['later'], top: [{ articleId: ids['mid'] }] }));
    expect(body['lead']).toBe(ids['later']);
    expect(body['shown']).toEqual({ lead: ids['new'], top: [ids['mid']] });
    expect(await (await s.app.request('/en/')).text()).not.toContain('Embargoed until tomorrow');
  });

  it('only editors and admins may PUT; every role may GET; no key, no answer', async () => {
    for (const role of ROLES) {
      await expectJson(await call(keys[role], 'GET', `${BASE}/en`));
      const put = await call(keys[role], 'PUT', `${BASE}/en`, { lead: ids['mid'] });
      if (role === 'admin' || role === 'editor') await expectJson(put);
      else expect((await expectProblem(put, 403, 'FORBIDDEN'))['detail']).toContain(`(${role}) may not choose what leads the home page`);
    }
    await expectProblem(await call(null, 'GET', `${BASE}/en`), 401, 'UNAUTHENTICATED');
    await expectProblem(await call(null, 'PUT', `${BASE}/en`, {}), 401, 'UNAUTHENTICATED');
  });

  it('an admin session needs the CSRF header to PUT', async () => {
    const agent = s.agent();
    await agent.login('editor@example.org');
    const put = (headers: Record<string, string>) =>
      agent.request(`${BASE}/ru`, { method: 'PUT', body: JSON.stringify({ lead: ids['ru'] }), headers: { 'content-type': 'application/json', ...headers } });
    await expectProblem(await put({}), 403, 'CSRF_FAILED');
    const csrf = await agent.csrfFrom('/admin');
    expect((await expectJson(await put({ 'x-csrf-token': csrf })))['lead']).toBe(ids['ru']);
  });

  it('refuses what cannot be pinned with a code, a hint and a pointer, and stores nothing', async () => {
    const before = await expectJson(await call(keys.editor, 'GET', `${BASE}/en`));
    const cases: [unknown, string, string | null][] = [
      [{ lead: 987_654 }, 'UNKNOWN_ARTICLE', '#/lead'],
      [{ top: [{ articleId: ids['ru'] }] }, 'WRONG_LOCALE', '#/top/0/articleId'],
      [{ lead: ids['mid'], top: [{ articleId: ids['mid'] }] }, 'DUPLICATE_PIN', '#/top/0/articleId'],
      [{ sections: ['weather'] }, 'UNKNOWN_SECTION', '#/sections/0'],
      [{ top: Array.from({ length: 13 }, (_, i) => ({ articleId: i + 1 })) }, 'TOO_MANY_TOP_STORIES', '#/top/12'],
    ];
    for (const [body, code, pointer] of cases) {
      const p = await expectProblem(await call(keys.editor, 'PUT', `${BASE}/en`, body), 422, code);
      expect(p['hint'], code).toBeTruthy();
      expect(p['pointer'], code).toBe(pointer);
    }
    const bad = await expectProblem(
      await call(keys.editor, 'PUT', `${BASE}/en`, { top: [{ articleId: 'one', until: 'soon' }], extra: 1 }),
      422,
      'VALIDATION_FAILED',
    );
    expect((bad['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['extra', 'top.0.articleId', 'top.0.until']);
    await expectProblem(await call(keys.editor, 'PUT', `${BASE}/en`, { locale: 'ru' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'PUT', `${BASE}/en`, 'not json'), 400, 'BAD_REQUEST');
    expect(await expectJson(await call(keys.editor, 'GET', `${BASE}/en`))).toEqual(before);
  });

  it('a save based on a version someone else moved is 409 FRONT_PAGE_CHANGED (baseVersion or If-Match), and nothing is stored', async () => {
    const res = await call(keys.editor, 'GET', `${BASE}/en`);
    const opened = await expectJson(res);
    expect(res.headers.get('etag')).toBe(`"${opened['version']}"`);
    // Another editor saves first.
    const lead = opened['lead'] === ids['mid'] ? ids['new'] : ids['mid'];
    const theirs = await expectJson(await call(keys.admin, 'PUT', `${BASE}/en`, { ...opened, lead, baseVersion: opened['version'] }));
    expect(theirs['version']).not.toBe(opened['version']);
    const stale = await expectProblem(
      await call(keys.editor, 'PUT', `${BASE}/en`, { lead: ids['old'], baseVersion: opened['version'] }),
      409,
      'FRONT_PAGE_CHANGED',
    );
    expect(stale['hint']).toContain('Reload');
    expect(stale).toMatchObject({ baseVersion: opened['version'], currentVersion: theirs['version'], current: { lead } });
    await expectProblem(
      await call(keys.editor, 'PUT', `${BASE}/en`, { lead: ids['old'] }, { 'if-match': `"${opened['version']}"` }),
      409,
      'FRONT_PAGE_CHANGED',
    );
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}/en`)))['lead']).toBe(lead);
    // Based on the latest version (the ETag, weak or not), it saves; without one, it saves as before (last wins).
    const mine = await expectJson(await call(keys.editor, 'PUT', `${BASE}/en`, { lead: ids['old'] }, { 'if-match': `W/"${theirs['version']}"` }));
    expect(mine['lead']).toBe(ids['old']);
    expect((await expectJson(await call(keys.editor, 'PUT', `${BASE}/en`, { lead: ids['mid'] })))['lead']).toBe(ids['mid']);
  });

  it('a language the site does not have is 404', async () => {
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/de`), 404, 'NOT_FOUND');
    await expectProblem(await call(keys.editor, 'PUT', `${BASE}/de`, {}), 404, 'NOT_FOUND');
  });

  it('an empty PUT unpins everything', async () => {
    const body = await expectJson(await call(keys.editor, 'PUT', `${BASE}/en`, {}));
    expect(body).toMatchObject({ lead: null, top: [], sections: [], shown: { lead: ids['new'], top: [] } });
    expect(await (await s.app.request('/en/')).text()).not.toContain('id="top-stories"');
  });
});
