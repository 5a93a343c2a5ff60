import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import type { Agent } from '#test/admin.js';
import { getArticleRow } from '../../db/articles-repo.js';

describeApi('admin pages screen: %s', ({ site: s }) => {
  let editor: Agent;
  let csrf: string;

  beforeAll(async () => {
    editor = s.agent();
    await editor.login('editor@example.org');
    csrf = await editor.csrfFrom('/admin/pages');
  });

  it('is in the admin menu; writers read it without the form; visitors go to the login form', async () => {
    const html = await (await editor.get('/admin/pages')).text();
    expect(html).toContain('<a href="/admin/pages" aria-current="page">Pages</a>');
    expect(html).toContain('Create the page');
    const author = s.agent();
    await author.login('author@example.org');
    const theirs = await (await author.get('/admin/pages')).text();
    expect(theirs).not.toContain('Create the page');
    const token = await author.csrfFrom('/admin/pages');
    expect((await author.post('/admin/pages', { _csrf: token, locale: 'en', headline: 'About', slug: '' })).status).toBe(403);
    expect((await s.agent().get('/admin/pages')).status).toBe(303);
  });

  it('starts a page and opens it in the editor in page mode', async () => {
    const res = await editor.post('/admin/pages', { _csrf: csrf, locale: 'ru', headline: 'О нас', slug: 'o-nas' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/articles\/\d+\/edit\?done=created$/);
    const id = Number(/articles\/(\d+)/.exec(location)![1]);
    expect(await getArticleRow(s.db.kysely, id)).toMatchObject({ kind: 'page', locale: 'ru', slug: 'o-nas', status: 'draft' });
    const html = await (await editor.get(location)).text();
    expect(html).toContain('<h1>Edit page</h1>');
    expect(html).toContain('<details class="side-group" id="group-section" open="" hidden="">');
    expect(html).not.toContain('name="publishAt"');
    const list = await (await editor.get('/admin/pages')).text();
    expect(list).toContain(`<a href="/admin/articles/${id}/edit">О нас</a>`);
    expect(list).toContain('<code>/ru/o-nas</code>');
  });

  it('shows a refused slug with what was sent', async () => {
    const res = await editor.post('/admin/pages', { _csrf: csrf, locale: 'en', headline: 'Search us', slug: 'search' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('is one of the site');
    expect(html).toContain('value="Search us"');
    expect((await editor.post('/admin/pages', { _csrf: csrf, locale: 'xx', headline: 'X', slug: '' })).status).toBe(422);
  });
});
