import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import type { Agent } from '#test/admin.js';
import { storeWireItem } from '../../services/ingest.js';

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
});
