import { expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { getArticleRow } from '../../../../db/articles-repo.js';
import { storeWireItem } from '../../../../services/ingest.js';

const BASE = '/api/admin/v1/wire';

describeApi('Admin API wire: %s', ({ site: s, newsroom: n, keys, call }) => {
  let id = 0;

  it('lists wire items with filters, for every role', async () => {
    const common = { partnerId: n.partner, summary: null, language: 'ru', fetchedAt: '2026-11-20T11:00:00.000Z', fullText: true, extractError: null };
    await storeWireItem(s.db.kysely, {
      ...common,
      guid: 'sc-1',
      link: 'https://steppe-courier.example/news/1',
      linkKey: 'steppe-courier.example/news/1',
      title: 'Суд отменил снос домов',
      author: 'Оксана Матвиенко',
      contentHtml: '<p>Суд Алматы отменил решение.</p><h2>Подробности</h2><p>Жители довольны.</p>',
      publishedAt: '2026-11-20T08:00:00.000Z',
    });
    await storeWireItem(s.db.kysely, {
      ...common,
      guid: 'sc-2',
      link: null,
      linkKey: null,
      title: 'Погода',
      author: null,
      contentHtml: null,
      publishedAt: '2026-11-18T08:00:00.000Z',
    });
    const all = await expectJson(await call(keys.editor, 'GET', BASE));
    expect(all).toMatchObject({ total: 2, languages: ['ru'] });
    const items = all['items'] as ApiJson[];
    expect(items.map((i) => i['title'])).toEqual(['Суд отменил снос домов', 'Погода']);
    id = items[0]!['id'] as number;
    expect((await expectJson(await call(keys.author, 'GET', `${BASE}?q=снос&partner=${n.partner}&language=ru&from=2026-11-20&to=2026-11-20`)))['total']).toBe(
      1,
    );
    expect((await expectJson(await call(keys.author, 'GET', `${BASE}?to=2026-11-19`)))['total']).toBe(1);
    await expectProblem(await call(keys.editor, 'GET', `${BASE}?from=yesterday`), 422, 'VALIDATION_FAILED');
    expect((await expectJson(await call(keys.translator, 'GET', BASE)))['total']).toBe(2);
    await expectProblem(await call(null, 'GET', BASE), 401, 'UNAUTHENTICATED');
    expect(await expectJson(await call(keys.editor, 'GET', `${BASE}/${id}`))).toMatchObject({ author: 'Оксана Матвиенко', partnerName: 'Steppe Courier' });
  });

  it('adapts an item into a draft with the partner attribution and the original author filled in', async () => {
    const res = await call(keys.editor, 'POST', `${BASE}/${id}/adapt`, { locale: 'en', sectionId: n.politics });
    const { articleId } = await expectJson(res, 201);
    expect(res.headers.get('location')).toBe(`/api/admin/v1/articles/${articleId}`);
    const row = await getArticleRow(s.db.kysely, articleId as number);
    expect(row).toMatchObject({
      locale: 'en',
      status: 'draft',
      section_id: n.politics,
      source_partner_id: n.partner,
      source_url: 'https://steppe-courier.example/news/1',
      source_headline: 'Суд отменил снос домов',
      source_locale: 'ru',
      source_published_at: '2026-11-20T08:00:00.000Z',
    });
    expect(row!.body).toContain('Подробности');
    const bylines = await s.db.kysely
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .select(['contributors.name', 'article_contributors.role'])
      .where('article_id', '=', articleId as number)
      .execute();
    expect(bylines).toEqual([{ name: 'Оксана Матвиенко', role: 'original_author' }]);
    expect(await expectJson(await call(keys.editor, 'GET', `${BASE}/${id}`))).toMatchObject({ adaptedArticleId: articleId });
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${id}/adapt`, { locale: 'de' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.translator, 'POST', `${BASE}/${id}/adapt`, { locale: 'en' }), 403, 'FORBIDDEN');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/999999/adapt`, { locale: 'en' }), 404, 'NOT_FOUND');
  });
});
