import { expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson, type ApiRole } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/partners';
const ROLES: ApiRole[] = ['admin', 'editor', 'author', 'translator', 'contributor'];
const vesti = {
  names: { ru: 'Степные вести', en: 'Steppe News' },
  url: 'https://vesti.example',
  locale: 'ru',
  licence: 'Republication with credit.',
  creditLines: { en: 'This story was first published by', ru: 'Материал впервые опубликовали' },
};

describeApi('Admin API partners: %s', ({ site: s, newsroom: n, keys, call }) => {
  let id = 0;

  it('lists partners for every role', async () => {
    for (const role of ROLES) {
      const body = await expectJson(await call(keys[role], 'GET', BASE));
      expect((body['items'] as ApiJson[]).map((x) => x['name'])).toEqual(['Steppe Courier']);
    }
    expect(await expectJson(await call(keys.author, 'GET', `${BASE}/${n.partner}`))).toMatchObject({ id: n.partner, locale: 'ru', active: true, articles: 0 });
    await expectProblem(await call(keys.author, 'GET', `${BASE}/999999`), 404, 'NOT_FOUND');
    await expectProblem(await call(keys.author, 'GET', `${BASE}/abc`), 404, 'NOT_FOUND');
    await expectProblem(await call(null, 'GET', BASE), 401, 'UNAUTHENTICATED');
  });

  it('creates a partner with names and credit lines per language, logo and licence, with an audit row', async () => {
    const res = await call(keys.editor, 'POST', BASE, { ...vesti, logoMediaId: n.photo });
    const body = await expectJson(res, 201);
    id = body['id'] as number;
    expect(res.headers.get('location')).toBe(`${BASE}/${id}`);
    expect(body).toMatchObject({
      name: 'Степные вести',
      names: vesti.names,
      creditLines: vesti.creditLines,
      logoMediaId: n.photo,
      logo: '/media/demo/hero.svg',
      active: true,
    });
    const [row] = await listAudit(s.db.kysely, { subjectType: 'partner', limit: 1 });
    expect(row).toMatchObject({ action: 'partner.created', subjectId: id });
  });

  it('credits a story with the partner’s name and credit line in the page’s language', async () => {
    const source = { partnerId: id, url: 'https://vesti.example/1', headline: 'Оригинал', locale: 'ru' };
    await createArticle(s.deps, {
      locale: 'en',
      headline: 'Grain corridor reopens',
      slug: 'grain',
      body: doc('Text.'),
      sectionId: n.economy,
      source,
      status: 'published',
    });
    await createArticle(s.deps, {
      locale: 'ru',
      headline: 'Зерновой коридор',
      slug: 'zerno',
      body: doc('Текст.'),
      sectionId: n.economy,
      source,
      status: 'published',
    });
    const en = await (await s.app.request(await pathOf('en', 'grain'))).text();
    expect(en).toContain('<dt>This story was first published by</dt><dd><a href="https://vesti.example">Steppe News</a>');
    const ru = await (await s.app.request(await pathOf('ru', 'zerno'))).text();
    expect(ru).toContain('<dt>Материал впервые опубликовали</dt><dd><a href="https://vesti.example">Степные вести</a>');
    // A language without its own name falls back to the outlet's.
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/${id}`, { names: { ru: 'Степные вести' }, creditLines: {} }));
    const again = await (await s.app.request(await pathOf('en', 'grain'))).text();
    expect(again).toContain('<dt>First published by</dt><dd><a href="https://vesti.example">Степные вести</a>');
  });

  async function pathOf(locale: string, slug: string): Promise<string> {
    const row = await s.db.kysely.selectFrom('articles').select('id').where('locale', '=', locale).where('slug', '=', slug).executeTakeFirstOrThrow();
    return (await s.app.request(`/a/${row.id}`)).headers.get('location')!;
  }

  it('makes a partner inactive, refuses to delete a credited one, and deletes an unused one', async () => {
    expect(await expectJson(await call(keys.editor, 'PATCH', `${BASE}/${id}`, { active: false }))).toMatchObject({ active: false, articles: 2 });
    const inUse = await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/${id}`), 409, 'PARTNER_IN_USE');
    expect(inUse['hint']).toContain('inactive');
    expect((await call(keys.editor, 'DELETE', `${BASE}/${n.partner}`)).status).toBe(204);
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/${n.partner}`), 404, 'NOT_FOUND');
  });

  it('refuses bad partners with a code and a hint', async () => {
    const bad = await expectProblem(
      await call(keys.editor, 'POST', BASE, { names: { de: 'X' }, url: 'ftp://x', locale: 'ru', extra: 1 }),
      422,
      'VALIDATION_FAILED',
    );
    expect((bad['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['extra', 'url']);
    await expectProblem(await call(keys.editor, 'POST', BASE, { names: { de: 'X' }, url: 'https://x.example', locale: 'ru' }), 422, 'VALIDATION_FAILED');
    await expectProblem(
      await call(keys.editor, 'POST', BASE, { names: { en: 'X' }, url: 'https://x.example', locale: 'ru', logoMediaId: 999999 }),
      422,
      'VALIDATION_FAILED',
    );
    const dup = await expectProblem(
      await call(keys.editor, 'POST', BASE, { names: { ru: 'Степные вести' }, url: 'https://x.example', locale: 'ru' }),
      409,
      'DUPLICATE',
    );
    expect(dup['hint']).toBeTruthy();
  });

  it('refuses a bad feed address with the field, the reason and a hint about addresses', async () => {
    for (const [feedUrl, why] of [
      ['ftp://feeds.example/rss', /not an http:\/\/ or https:\/\/ address/],
      ['https://me:pw@feeds.example/rss', /user name or password/],
      ['https://feeds.example/a b', /spaces/],
    ] as const) {
      const p = await expectProblem(
        await call(keys.editor, 'POST', BASE, { names: { ru: 'Лента' }, url: 'https://x.example', locale: 'ru', feedUrl }),
        422,
        'VALIDATION_FAILED',
      );
      const errors = p['errors'] as ApiJson[];
      expect(errors.map((e) => e['field'])).toEqual(['feedUrl']);
      expect(String(errors[0]!['detail'])).toMatch(why);
      expect(p['hint']).toMatch(/http:\/\/ or https:\/\//);
    }
    await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/${n.partner}`, { feedUrl: 'javascript:alert(1)' }), 422, 'VALIDATION_FAILED');
  });

  it('only editors and admins change partners', async () => {
    for (const role of ['author', 'translator', 'contributor'] as const) {
      const p = await expectProblem(await call(keys[role], 'POST', BASE, vesti), 403, 'FORBIDDEN');
      expect(p['detail']).toContain(`(${role}) may not add, change or delete partner outlets`);
      await expectProblem(await call(keys[role], 'PATCH', `${BASE}/${id}`, { active: true }), 403, 'FORBIDDEN');
      await expectProblem(await call(keys[role], 'DELETE', `${BASE}/${id}`), 403, 'FORBIDDEN');
    }
  });
});
