import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import type { Agent } from '#test/admin.js';
import { storeWireItem } from '../../services/ingest.js';
import { doc } from '#test/fixtures.js';
import { createArticle } from '../../services/article-store.js';

describeApi('admin wire screen: %s', ({ site: s, newsroom: n }) => {
  let editor: Agent;
  let id = 0;

  beforeAll(async () => {
    await storeWireItem(s.db.kysely, {
      partnerId: n.partner,
      guid: 'sc-1',
      link: 'https://steppe-courier.example/news/1',
      linkKey: 'steppe-courier.example/news/1',
      title: 'Суд отменил снос домов',
      author: 'Оксана Матвиенко',
      summary: 'Кратко',
      contentHtml: '<p>Суд Алматы отменил решение.</p>',
      language: 'ru',
      publishedAt: '2026-11-20T08:00:00.000Z',
      fetchedAt: '2026-11-20T11:00:00.000Z',
      fullText: true,
      extractError: null,
    });
    id = (await s.db.kysely.selectFrom('wire_items').select('id').executeTakeFirstOrThrow()).id;
    editor = s.agent();
    await editor.login('editor@example.org');
  });

  it('lists the wire in the nav with filters, and shows a story with its original text', async () => {
    const list = await (await editor.get('/admin/wire')).text();
    expect(list).toContain('<a href="/admin/wire" aria-current="page">Wire</a>');
    expect(list).toContain(`<a href="/admin/wire/${id}">Суд отменил снос домов</a>`);
    expect(await (await editor.get('/admin/wire?q=nothing-like-this')).text()).not.toContain('Суд отменил');
    expect((await editor.get('/admin/wire?from=nonsense')).status).toBe(422);
    const page = await (await editor.get(`/admin/wire/${id}`)).text();
    expect(page).toContain('<p>Суд Алматы отменил решение.</p>');
    expect(page).toContain('Оксана Матвиенко');
    expect(page).toContain('Make the draft');
  });

  it('adapts a story into a draft (CSRF checked) and sends the editor to it', async () => {
    const csrf = await editor.csrfFrom(`/admin/wire/${id}`);
    expect((await editor.post(`/admin/wire/${id}/adapt`, { _csrf: 'wrong', locale: 'en', sectionId: String(n.politics) })).status).toBe(403);
    const res = await editor.post(`/admin/wire/${id}/adapt`, { _csrf: csrf, locale: 'en', sectionId: String(n.politics) });
    expect(res.status).toBe(303);
    const articleId = Number(/\/admin\/articles\/(\d+)$/.exec(res.headers.get('location') ?? '')![1]);
    const row = await s.db.kysely.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source_partner_id: n.partner, source_headline: 'Суд отменил снос домов', locale: 'en', status: 'draft' });
    expect(await (await editor.get(`/admin/wire/${id}`)).text()).toContain(`/admin/articles/${articleId}`);
  });

  it('shows the wire original beside the adapted draft in the editor, read-only, also after a second adaptation', async () => {
    const csrf = await editor.csrfFrom(`/admin/wire/${id}`);
    const adapt = async (locale: string) => {
      const res = await editor.post(`/admin/wire/${id}/adapt`, { _csrf: csrf, locale, sectionId: String(n.politics) });
      return Number(/\/admin\/articles\/(\d+)$/.exec(res.headers.get('location') ?? '')![1]);
    };
    const first = await adapt('en');
    const panelOf = async (articleId: number) => {
      const html = await (await editor.get(`/admin/articles/${articleId}/edit`)).text();
      return /<section class="source-panel" id="wire-original"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    };
    const panel = await panelOf(first);
    expect(panel).toContain('lang="ru"');
    expect(panel).toContain('Original from Steppe Courier (Русский)');
    expect(panel).toContain('<p class="source-headline">Суд отменил снос домов</p>');
    expect(panel).toContain('<p>Суд Алматы отменил решение.</p>');
    expect(panel).toContain(`href="/admin/wire/${id}"`);
    expect(panel).toContain('href="https://steppe-courier.example/news/1"');
    // Read-only: nothing in it is a field of the form.
    expect(panel).not.toMatch(/<(input|textarea|select)\b/);
    // Adapted again (the item now points at the newer draft): the first draft still has its original beside it.
    const second = await adapt('en');
    expect(second).not.toBe(first);
    expect(await panelOf(first)).toContain('Суд Алматы отменил решение.');
    expect(await panelOf(second)).toContain('Суд Алматы отменил решение.');
    // A story of the newsroom's own has no such panel.
    const own = await createArticle(s.deps, { locale: 'en', headline: 'Our own', body: doc('Text.'), sectionId: n.politics, status: 'draft' });
    expect(await panelOf(own)).toBe('');
  });
});
