import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import type { Agent } from '#test/admin.js';
import { readPins } from '../../db/front-pages-repo.js';
import { createArticle } from '../../services/article-store.js';

describeApi('admin front-page screen: %s', ({ site: s, newsroom: n }) => {
  const ids: number[] = [];
  let editor: Agent;
  let csrf: string;
  const PAGE = '/admin/front-pages/en';

  beforeAll(async () => {
    for (const [i, h] of ['First story', 'Second story', 'Third story'].entries()) {
      ids.push(
        await createArticle(s.deps, {
          locale: 'en',
          headline: h,
          body: doc('Text.'),
          sectionId: n.politics,
          status: 'published',
          publishedAt: `2026-11-20T0${i + 1}:00:00.000Z`,
        }),
      );
    }
    editor = s.agent();
    await editor.login('editor@example.org');
    csrf = await editor.csrfFrom(PAGE);
  });

  const post = (fields: [string, string][]) =>
    editor.request(PAGE, {
      method: 'POST',
      body: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const pins = async () => (await readPins(s.db.kysely, 'en'))!;

  it('is linked from the admin nav for editors; /admin/front-pages opens the default language', async () => {
    expect(await (await editor.get('/admin')).text()).toContain('<a href="/admin/front-pages">Front page</a>');
    const res = await editor.get('/admin/front-pages');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/front-pages/en');
    const html = await (await editor.get(PAGE)).text();
    expect(html).toContain('<h1>Front page: English</h1>');
    expect(html).toContain('Automatic: the newest story with an image');
  });

  it('sends visitors to the login form and refuses writers (403)', async () => {
    const res = await s.agent().get(PAGE);
    expect(res.status).toBe(303);
    const author = s.agent();
    await author.login('author@example.org');
    expect(await (await author.get('/admin')).text()).not.toContain('/admin/front-pages');
    expect((await author.get(PAGE)).status).toBe(403);
    const token = await author.csrfFrom('/admin');
    const post = await author.post(PAGE, { _csrf: token, lead: String(ids[0]), op: 'save-lead' });
    expect(post.status).toBe(403);
    expect(await readPins(s.db.kysely, 'en')).toBeNull();
  });

  it('chooses the lead, adds top stories, moves and removes them, with no JavaScript', async () => {
    let res = await post([
      ['lead', String(ids[0])],
      ['op', 'save-lead'],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${PAGE}?done=saved#lead`);
    expect((await pins()).lead).toBe(ids[0]);
    res = await post([
      ['lead', String(ids[0])],
      ['add', String(ids[1])],
      ['addUntil', ''],
      ['op', 'add'],
    ]);
    expect(res.headers.get('location')).toBe(`${PAGE}?done=saved#top`);
    await post([
      ['lead', String(ids[0])],
      ['top', String(ids[1])],
      ['until', ''],
      ['addId', String(ids[2])],
      ['addUntil', '2026-11-21T09:30'],
      ['op', 'add'],
    ]);
    // TIMEZONE of the test site is Asia/Almaty (UTC+5).
    expect((await pins()).top).toEqual([
      { articleId: ids[1], until: null },
      { articleId: ids[2], until: '2026-11-21T04:30:00.000Z' },
    ]);
    const html = await (await editor.get(`${PAGE}?done=saved`)).text();
    expect(html).toContain('value="2026-11-21T09:30"');
    expect(html).toContain('Saved. The home page shows it within a second.');
    await post([
      ['lead', String(ids[0])],
      ['top', String(ids[1])],
      ['until', ''],
      ['top', String(ids[2])],
      ['until', '2026-11-21T09:30'],
      ['op', 'up:1'],
    ]);
    expect((await pins()).top.map((t) => t.articleId)).toEqual([ids[2], ids[1]]);
    await post([
      ['lead', String(ids[0])],
      ['top', String(ids[2])],
      ['until', '2026-11-21T09:30'],
      ['top', String(ids[1])],
      ['until', ''],
      ['op', 'remove:0'],
    ]);
    expect((await pins()).top).toEqual([{ articleId: ids[1], until: null }]);
  });

  it('moves section blocks and resets their order', async () => {
    await post([
      ['section', 'politics'],
      ['section', 'economy'],
      ['op', 'section-down:0'],
    ]);
    expect((await pins()).sections).toEqual(['economy', 'politics']);
    await post([
      ['section', 'economy'],
      ['section', 'politics'],
      ['op', 'sections-reset'],
    ]);
    expect((await pins()).sections).toEqual([]);
  });

  it('shows a refusal above the form with what was sent, and stores nothing', async () => {
    const before = await pins();
    const res = await post([
      ['lead', String(ids[1])],
      ['top', String(ids[1])],
      ['until', 'not a time'],
      ['op', 'save-top'],
    ]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="not a time"');
    expect(await pins()).toEqual(before);
    const dup = await post([
      ['lead', String(ids[1])],
      ['top', String(ids[1])],
      ['until', ''],
      ['op', 'save-lead'],
    ]);
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('pinned twice');
    const none = await post([['op', 'add']]);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Choose a story to add');
  });

  it('a form opened before someone else saved is refused with a clear message and the page as it is now', async () => {
    const page = await (await editor.get(PAGE)).text();
    const version = /name="baseVersion" value="([^"]+)"/.exec(page)![1]!;
    // Someone else pins a lead meanwhile.
    const other = await post([
      ['baseVersion', version],
      ['lead', String(ids[2])],
      ['op', 'save-lead'],
    ]);
    expect(other.status).toBe(303);
    const res = await post([
      ['baseVersion', version],
      ['lead', String(ids[0])],
      ['op', 'save-lead'],
    ]);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Not saved: someone else changed this front page since you opened it.');
    expect(html).toMatch(new RegExp(`<option value="${ids[2]}" selected="">`));
    expect(html).not.toContain(`name="baseVersion" value="${version}"`);
    expect((await pins()).lead).toBe(ids[2]);
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await editor.post(PAGE, { lead: '', op: 'save-lead' });
    expect(res.status).toBe(403);
  });
});
