import { beforeAll, expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/search';
const ids = (body: ApiJson) => (body['items'] as ApiJson[]).map((i) => i['id']);

describeApi('Admin API search: %s', ({ site: s, newsroom: n, keys, call }) => {
  let published = 0;
  let draft = 0;
  beforeAll(async () => {
    published = await createArticle(s.deps, {
      locale: 'en',
      headline: 'Grain talks resume',
      body: doc('Ministers met in Kokterek.'),
      sectionId: n.economy,
      tagIds: [n.tagEn],
      bylines: [{ contributorId: n.alice, role: 'author' }],
      status: 'published',
      publishedAt: '2026-11-10T00:00:00.000Z',
    });
    draft = await createArticle(s.deps, { locale: 'en', headline: 'Draft on the talk', body: doc('Not yet <ready>.'), sectionId: n.politics, status: 'draft' });
  });

  it('finds drafts for those who may read them, only what readers see for the others', async () => {
    const editor = await expectJson(await call(keys.editor, 'GET', `${BASE}?q=talks&locale=en`));
    expect(editor['total']).toBe(2);
    expect(ids(editor).sort()).toEqual([published, draft].sort());
    const contributor = await expectJson(await call(keys.contributor, 'GET', `${BASE}?q=talks`));
    expect(ids(contributor)).toEqual([published]);
    expect(contributor['total']).toBe(1);
  });

  it('highlights, filters by section, tag, author and dates, and pages', async () => {
    const [hit] = (await expectJson(await call(keys.editor, 'GET', `${BASE}?q=ready`)))['items'] as ApiJson[];
    expect(hit).toMatchObject({ id: draft, state: 'draft', section: 'politics', snippetHtml: 'Not yet &lt;<mark>ready</mark>&gt;.' });
    const only = async (query: string) => ids(await expectJson(await call(keys.editor, 'GET', `${BASE}?q=talks&${query}`)));
    expect(await only('section=economy')).toEqual([published]);
    expect(await only('section=no-such-section')).toEqual([]);
    expect(await only(`tag=${n.tagEn}`)).toEqual([published]);
    expect(await only(`author=${n.alice}`)).toEqual([published]);
    expect(await only('from=2026-11-10&to=2026-11-10')).toEqual([published]);
    const first = await expectJson(await call(keys.editor, 'GET', `${BASE}?q=talks&limit=1`));
    expect(first['next']).toBe(`${BASE}?q=talks&limit=1&page=2`);
    const second = await expectJson(await call(keys.editor, 'GET', first['next'] as string));
    expect([...ids(first), ...ids(second)].sort()).toEqual([published, draft].sort());
    expect(second['next']).toBeNull();
  });

  it('answers hostile input without an error and refuses bad parameters', async () => {
    for (const q of ['NEAR(', '"', "'; drop table articles; --", '***', '-talks']) {
      const body = await expectJson(await call(keys.editor, 'GET', `${BASE}?q=${encodeURIComponent(q)}`));
      expect(body['total']).toBe(0);
    }
    await expectProblem(await call(keys.editor, 'GET', BASE), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'GET', `${BASE}?q=x&page=0`), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'GET', `${BASE}?q=${'x'.repeat(300)}`), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'GET', `${BASE}?q=x&sort=1`), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(null, 'GET', `${BASE}?q=x`), 401, 'UNAUTHENTICATED');
  });
});
