import { expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc, refused } from '#test/fixtures.js';
import { userPrincipal } from '../../../../content/principal.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { createArticle } from '../../../../services/article-store.js';
import { updateContributor } from '../../../../services/contributors.js';

const BASE = '/api/admin/v1/contributors';
type Page = { items: ApiJson[]; next: string | null };
const natalya = {
  slug: 'natalya-grishina',
  names: { en: 'Natalya Grishina', ru: 'Наталья Гришина', kk: 'Наталья Гришина' },
  bios: { en: 'A political correspondent.', ru: 'Политический обозреватель.' },
  titles: { en: 'Political correspondent', ru: 'Политический обозреватель' },
  links: ['https://social.example/@grishina'],
  email: 'grishina@partner.example',
};

/** The JSON-LD blocks of a page, parsed. */
const jsonLd = (page: string) => [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as ApiJson);

describeApi('Admin API contributors: %s', ({ site: s, newsroom: n, keys, call }) => {
  let ruStory = 0;
  let enStory = 0;
  const pathOf = async (id: number) => (await s.app.request(`/a/${id}`)).headers.get('location')!;

  it('lists contributors by id in keyset pages, for every role', async () => {
    const all = (await expectJson(await call(keys.contributor, 'GET', BASE))) as Page;
    expect(all.items.map((c) => c['id'])).toEqual(expect.arrayContaining([n.alice, n.boris, n.olga]));
    expect(all.next).toBeNull();
    const first = (await expectJson(await call(keys.author, 'GET', `${BASE}?limit=1`))) as Page;
    expect(first.items).toHaveLength(1);
    expect(first.next).toMatch(/^\/api\/admin\/v1\/contributors\?limit=1&after=\d+$/);
    const second = (await expectJson(await call(keys.author, 'GET', first.next!))) as Page;
    expect(second.items[0]!['id']).toBeGreaterThan(first.items[0]!['id']);
    expect(await expectJson(await call(keys.translator, 'GET', `${BASE}/alice-reporter`))).toMatchObject({
      id: n.alice,
      slug: 'alice-reporter',
      name: 'Alice Reporter',
      names: {},
      articles: 0,
      urls: { en: '/en/author/alice-reporter', ru: '/ru/author/alice-reporter' },
    });
    await expectProblem(await call(keys.author, 'GET', `${BASE}/nobody-here`), 404, 'NOT_FOUND');
  });

  it("regression: a contributor's email and linked account are shown only to those who manage contributors (every role read them)", async () => {
    const made = await expectJson(await call(keys.editor, 'POST', BASE, { name: 'Secret Source', email: 'private@example.org' }), 201);
    for (const role of ['author', 'translator', 'contributor'] as const) {
      const one = await expectJson(await call(keys[role], 'GET', `${BASE}/${made['id']}`));
      expect(one['name']).toBe('Secret Source');
      expect(one).not.toHaveProperty('email');
      expect(one).not.toHaveProperty('userId');
      const listed = (await expectJson(await call(keys[role], 'GET', `${BASE}?q=secret`))) as { items: ApiJson[] };
      expect(JSON.stringify(listed)).not.toContain('private@example.org');
    }
    expect(await expectJson(await call(keys.editor, 'GET', `${BASE}/${made['id']}`))).toMatchObject({ email: 'private@example.org', userId: null });
  });

  it('finds a name by any part of it, case-insensitively in Cyrillic too', async () => {
    const found = (await expectJson(await call(keys.editor, 'GET', `${BASE}?q=${encodeURIComponent('ПЕРЕВОД')}`))) as Page;
    expect(found.items.map((c) => [c['id'], c['slug'], c['name']])).toEqual([[n.boris, 'boris-perevodchik', 'Борис Переводчик']]);
    const latin = (await expectJson(await call(keys.editor, 'GET', `${BASE}?q=alice`))) as Page;
    expect(latin.items.map((c) => c['id'])).toEqual([n.alice]);
    await expectProblem(await call(keys.contributor, 'GET', `${BASE}?after=abc`), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.contributor, 'GET', `${BASE}?sort=name`), 422, 'VALIDATION_FAILED');
  });

  it('an editor adds a contributor from a name: a slug made from it, -2 for the same name again; writers may not', async () => {
    const made = await expectJson(await call(keys.editor, 'POST', BASE, { name: 'Айгерим Нурланова' }), 201);
    expect(made).toMatchObject({ id: expect.any(Number), slug: 'aygerim-nurlanova', name: 'Айгерим Нурланова', names: {} });
    const again = await expectJson(await call(keys.admin, 'POST', BASE, { name: 'Айгерим Нурланова' }), 201);
    expect(again['slug']).toBe('aygerim-nurlanova-2');
    const listed = (await expectJson(await call(keys.author, 'GET', `${BASE}?q=айгерим`))) as Page;
    expect(listed.items.map((c) => c['id'])).toEqual([made['id'], again['id']]);
    await expectProblem(await call(keys.author, 'POST', BASE, { name: 'Writer’s friend' }), 403, 'FORBIDDEN');
    // The two are one person: merged, and the empty one is gone.
    expect((await call(keys.editor, 'DELETE', `${BASE}/${again['id']}`)).status).toBe(204);
    expect((await call(keys.editor, 'DELETE', `${BASE}/${made['id']}`)).status).toBe(204);
  });

  it('creates a whole profile with names, bios and titles per language, links, email and photo; audited', async () => {
    const res = await call(keys.editor, 'POST', BASE, { ...natalya, photoMediaId: n.photo });
    const body = await expectJson(res, 201);
    expect(res.headers.get('location')).toBe(`${BASE}/${body['id']}`);
    expect(body).toMatchObject({ ...natalya, name: 'Natalya Grishina', photoMediaId: n.photo, userId: null, articles: 0 });
    const [row] = await listAudit(s.db.kysely, { subjectType: 'contributor', limit: 1 });
    expect(row).toMatchObject({ action: 'contributor.created', subjectId: body['id'] });
  });

  it('refuses bad profiles with a code, the fields and a hint, and stores nothing', async () => {
    const taken = await expectProblem(await call(keys.editor, 'POST', BASE, { name: 'Another Alice', slug: 'alice-reporter' }), 409, 'DUPLICATE');
    expect(taken['hint']).toMatch(/another slug/);
    await expectProblem(await call(keys.editor, 'POST', BASE, { name: '  ' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', BASE, { bios: { en: 'No name.' } }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', BASE, { name: 'X', slug: 'Not A Slug' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', BASE, { name: 'X', nickname: 'extra' }), 422, 'VALIDATION_FAILED');
    const bad = await expectProblem(
      await call(keys.editor, 'POST', BASE, { name: 'X', names: { de: 'X' }, links: ['javascript:alert(1)'], email: 'not-mail', photoMediaId: 999_999 }),
      422,
      'VALIDATION_FAILED',
    );
    expect((bad['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['email', 'links.0']);
    const refs = await expectProblem(
      await call(keys.editor, 'POST', BASE, { name: 'X', names: { de: 'X' }, photoMediaId: 999_999, userId: 999_999 }),
      422,
      'VALIDATION_FAILED',
    );
    expect((refs['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['names.de', 'photoMediaId', 'userId']);
    expect(((await expectJson(await call(keys.editor, 'GET', `${BASE}?q=x&limit=100`))) as Page).items.filter((c) => c['name'] === 'X')).toEqual([]);
  });

  it('bylines, the author page, JSON-LD and feeds read the name in the page’s language, else their own', async () => {
    const id = (await expectJson(await call(keys.editor, 'GET', `${BASE}/natalya-grishina`)))['id'] as number;
    const story = (locale: string, headline: string) =>
      createArticle(s.deps, {
        locale,
        headline,
        body: doc('Text.'),
        sectionId: n.politics,
        status: 'published',
        bylines: [{ contributorId: id, role: 'author' }],
      });
    ruStory = await story('ru', 'Выборы в маслихат');
    enStory = await story('en', 'Council elections');
    const ru = await (await s.app.request(await pathOf(ruStory))).text();
    expect(ru).toContain('Наталья Гришина');
    expect(ru).not.toContain('Natalya Grishina');
    const ld = jsonLd(ru).find((x) => x['@type'] === 'NewsArticle')!;
    expect(ld['author']).toEqual([
      {
        '@type': 'Person',
        name: 'Наталья Гришина',
        url: 'https://news.example.org/ru/author/natalya-grishina',
        image: 'https://news.example.org/media/demo/hero.svg',
        sameAs: ['https://social.example/@grishina'],
      },
    ]);
    const en = await (await s.app.request(await pathOf(enStory))).text();
    expect(en).toContain('Natalya Grishina');
    expect(jsonLd(en).find((x) => x['@type'] === 'NewsArticle')!['author'][0]['name']).toBe('Natalya Grishina');
    const authorRu = await (await s.app.request('/ru/author/natalya-grishina')).text();
    expect(authorRu).toContain('<h1>Наталья Гришина</h1>');
    expect(authorRu).toContain('Политический обозреватель.');
    expect(jsonLd(authorRu).find((x) => x['@type'] === 'ProfilePage')!['mainEntity']).toMatchObject({
      name: 'Наталья Гришина',
      jobTitle: 'Политический обозреватель',
      sameAs: ['https://social.example/@grishina'],
    });
    const feed = await (await s.app.request('/ru/feed.json')).text();
    expect(feed).toContain('Наталья Гришина');
    expect(await (await s.app.request('/ru/author/natalya-grishina/feed.xml')).text()).toContain('Наталья Гришина');
    // Kazakh has a name of its own; a language without one shows their own name.
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/${id}`, { names: { ru: null }, bios: { ru: '' } }));
    const fallback = await (await s.app.request(await pathOf(ruStory))).text();
    expect(jsonLd(fallback).find((x) => x['@type'] === 'NewsArticle')!['author'][0]['name']).toBe('Natalya Grishina');
    const restored = await expectJson(await call(keys.editor, 'PATCH', `${BASE}/${id}`, { names: { ru: 'Наталья Гришина' } }));
    expect(restored['names']).toEqual(natalya.names);
    expect(restored['bios']).toEqual({ en: natalya.bios.en });
    expect(restored['articles']).toBe(2);
  });

  it('articles name contributors by slug or id; an unknown slug names the line', async () => {
    const a = await expectJson(
      await call(keys.editor, 'POST', '/api/admin/v1/articles', {
        locale: 'en',
        headline: 'Two bylines',
        body: doc('Y.'),
        sectionSlug: 'politics',
        bylines: [
          { contributorSlug: 'alice-reporter', role: 'author' },
          { contributorId: n.boris, role: 'translator' },
        ],
      }),
      201,
    );
    expect((a['bylines'] as ApiJson[]).map((b) => [b['contributorId'], b['role']])).toEqual([
      [n.alice, 'author'],
      [n.boris, 'translator'],
    ]);
    const bad = await expectProblem(
      await call(keys.editor, 'POST', '/api/admin/v1/articles', {
        locale: 'en',
        headline: 'X',
        body: doc('Y.'),
        sectionSlug: 'politics',
        bylines: [
          { role: 'author' },
          { contributorSlug: 'nobody-here', role: 'author' },
          { contributorId: n.alice, contributorSlug: 'alice-reporter', role: 'editor' },
        ],
      }),
      422,
      'VALIDATION_FAILED',
    );
    expect((bad['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual([
      'bylines.0.contributorId',
      'bylines.1.contributorSlug',
      'bylines.2.contributorSlug',
    ]);
  });

  it('a new slug keeps the old author address as a redirect; a taken one is DUPLICATE', async () => {
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/natalya-grishina`, { slug: 'n-grishina' }));
    const old = await s.app.request('/ru/author/natalya-grishina');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/ru/author/n-grishina');
    expect((await s.app.request('/en/author/natalya-grishina/feed.xml')).headers.get('location')).toBe('/en/author/n-grishina/feed.xml');
    expect(await (await s.app.request(await pathOf(ruStory))).text()).toContain('/ru/author/n-grishina');
    await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/n-grishina`, { slug: 'alice-reporter' }), 409, 'DUPLICATE');
  });

  it('only editors and admins change, merge and delete; a linked account keeps its own bio but not its name', async () => {
    for (const role of ['author', 'translator', 'contributor'] as const) {
      const p = await expectProblem(await call(keys[role], 'PATCH', `${BASE}/alice-reporter`, { bios: { en: 'Mine now.' } }), 403, 'FORBIDDEN');
      expect(p['detail']).toContain(`(${role}) may not change, merge or delete contributors`);
      await expectProblem(await call(keys[role], 'POST', `${BASE}/alice-reporter/merge`, { into: 'olga-original' }), 403, 'FORBIDDEN');
      await expectProblem(await call(keys[role], 'DELETE', `${BASE}/alice-reporter`), 403, 'FORBIDDEN');
    }
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/alice-reporter`, { userId: s.users.author.id }));
    const taken = await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/olga-original`, { userId: s.users.author.id }), 422, 'VALIDATION_FAILED');
    expect((taken['errors'] as ApiJson[])[0]).toMatchObject({ field: 'userId' });
    const author = userPrincipal({ id: s.users.author.id, role: 'author', active: true });
    const mine = await updateContributor(s.deps, author, ['en', 'ru', 'kk'], 'alice-reporter', {
      bios: { en: 'Alice covers the city.' },
      links: ['https://alice.example'],
    });
    expect(mine).toMatchObject({ bios: { en: 'Alice covers the city.' }, links: ['https://alice.example'] });
    expect((await refused(updateContributor(s.deps, author, ['en', 'ru', 'kk'], 'alice-reporter', { name: 'Alice the Great' }))).code).toBe('FORBIDDEN');
    expect((await refused(updateContributor(s.deps, author, ['en', 'ru', 'kk'], 'olga-original', { bios: { en: 'Not mine.' } }))).code).toBe('FORBIDDEN');
    // Regression: their own photo is an image they uploaded, not any of the library (n.photo was uploaded by nobody).
    const notTheirs = await refused(updateContributor(s.deps, author, ['en', 'ru', 'kk'], 'alice-reporter', { photoMediaId: n.photo }));
    expect(notTheirs.code).toBe('FORBIDDEN');
    expect(notTheirs.details?.['fields']).toEqual({ photoMediaId: 'not uploaded by you' });
    await s.db.kysely.updateTable('media').set({ uploaded_by: s.users.author.id }).where('id', '=', n.photo).execute();
    expect(await updateContributor(s.deps, author, ['en', 'ru', 'kk'], 'alice-reporter', { photoMediaId: n.photo })).toMatchObject({ photoMediaId: n.photo });
    await s.db.kysely.updateTable('media').set({ uploaded_by: null }).where('id', '=', n.photo).execute();
  });

  it('merge: the bylines move to the survivor, the old author page redirects; one still credited cannot be deleted', async () => {
    const p = await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/n-grishina`), 409, 'CONTRIBUTOR_IN_USE');
    expect(p['hint']).toContain('Merge');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/n-grishina/merge`, { into: 'n-grishina' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/n-grishina/merge`, { into: 'nobody-here' }), 404, 'NOT_FOUND');
    // A story crediting both as authors keeps one line for the survivor; the other roles stay as they were.
    const grishina = (await expectJson(await call(keys.editor, 'GET', `${BASE}/n-grishina`)))['id'] as number;
    const both = await createArticle(s.deps, {
      locale: 'en',
      headline: 'Both of them',
      body: doc('Text.'),
      sectionId: n.politics,
      status: 'draft',
      bylines: [
        { contributorId: grishina, role: 'author' },
        { contributorId: n.olga, role: 'author' },
        { contributorId: grishina, role: 'translator' },
      ],
    });
    const merged = await expectJson(await call(keys.editor, 'POST', `${BASE}/n-grishina/merge`, { into: n.olga }));
    expect(merged).toMatchObject({ merged: { slug: 'n-grishina' }, into: { id: n.olga, articles: 3 } });
    expect((merged['moved'] as number[]).sort()).toEqual([ruStory, enStory, both].sort());
    const lines = await s.db.kysely
      .selectFrom('article_contributors')
      .select(['contributor_id', 'role'])
      .where('article_id', '=', both)
      .orderBy('position')
      .execute();
    expect(lines).toEqual([
      { contributor_id: n.olga, role: 'author' },
      { contributor_id: n.olga, role: 'translator' },
    ]);
    for (const old of ['/ru/author/n-grishina', '/ru/author/natalya-grishina'])
      expect((await s.app.request(old)).headers.get('location')).toBe('/ru/author/olga-original');
    expect(await (await s.app.request(await pathOf(ruStory))).text()).toContain('Ольга Оригинал');
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/n-grishina`), 404, 'NOT_FOUND');
    const [row] = await listAudit(s.db.kysely, { subjectType: 'contributor', limit: 1 });
    expect(row).toMatchObject({ action: 'contributor.merged' });
  });
});
