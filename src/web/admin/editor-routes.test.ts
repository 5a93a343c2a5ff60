import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticleRow } from '../../db/articles-repo.js';
import { loadArticle } from '../../db/load-article.js';
import { createDraft, saveArticle, translateArticle } from '../../services/articles.js';
import { userPrincipal } from '../../content/principal.js';
import { changeStatus } from '../../services/workflow.js';
import { waitingJobs } from '../../db/jobs-repo.js';
import { zonedLocalToUtc } from '../../content/zoned-time.js';
import { PUBLISH_PENDING } from '../../services/pending-schedule.js';
import { TEST_SITE } from '#test/site.js';
import { adminSite, type AdminSite, type Agent } from '#test/admin.js';
import { doc, newsroom, type Newsroom } from '#test/fixtures.js';

type Role = keyof AdminSite['users'];

describe('the article editor over HTTP', () => {
  let s: AdminSite;
  let n: Newsroom;
  const agents = new Map<Role, Agent>();

  beforeAll(async () => {
    s = await adminSite('sqlite');
    n = await newsroom(s.db);
    for (const role of ['admin', 'editor', 'author', 'translator', 'contributor'] as const) {
      const a = s.agent();
      expect((await a.login(s.users[role].email)).status).toBe(303);
      agents.set(role, a);
    }
  });
  afterAll(async () => s?.cleanup());

  const as = (role: Role) => agents.get(role)!;
  const principal = (role: Role) => userPrincipal({ id: s.users[role].id, role, active: true });
  /** A draft owned by `role`, with a body the page must show and a form save must keep. */
  const draftOf = (role: Role, over: Record<string, unknown> = {}) =>
    createDraft(s.deps, principal(role), {
      locale: 'en',
      headline: 'Grain corridor reopens',
      body: doc('The first ship left at dawn.'),
      sectionId: n.politics,
      tagIds: [n.tagEn],
      bylines: [{ contributorId: n.alice, role: 'author' }],
      ...over,
    });
  const csrfOf = (role: Role, url: string) => as(role).csrfFrom(url);

  describe('pages need a session and the policy', () => {
    it('sends a visitor without a session to the login form, and back afterwards', async () => {
      const id = await draftOf('author');
      for (const url of ['/admin/articles/new', `/admin/articles/${id}/edit`]) {
        const res = await s.agent().get(url);
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
      }
    });

    it('answers 404 for an article that does not exist (and for an id that is not one)', async () => {
      expect((await as('editor').get('/admin/articles/999999/edit')).status).toBe(404);
      expect((await as('editor').get('/admin/articles/abc/edit')).status).toBe(404);
      expect((await as('editor').get('/admin/articles/1234567890123/edit')).status).toBe(404);
    });

    it("a contributor cannot open someone else's draft, nor save it, nor create tags on it", async () => {
      const id = await draftOf('author');
      const page = await as('contributor').get(`/admin/articles/${id}/edit`);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('FORBIDDEN');
      const csrf = await csrfOf('contributor', '/admin');
      const before = await getArticleRow(s.db.kysely, id);
      const save = await as('contributor').post(`/admin/articles/${id}`, {
        _csrf: csrf,
        baseRevision: '1',
        headline: 'Taken over',
        sectionId: String(n.politics),
      });
      expect(save.status).toBe(403);
      expect((await getArticleRow(s.db.kysely, id))!.revision).toBe(before!.revision);
      const tags = await as('contributor').request(`/admin/articles/${id}/tags`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
        body: JSON.stringify({ names: ['Hijack'] }),
      });
      expect(tags.status).toBe(403);
      expect(await s.db.kysely.selectFrom('tags').select('id').where('name', '=', 'Hijack').execute()).toEqual([]);
    });

    it("shows someone else's published story read-only: no editor script, a disabled form, no save button", async () => {
      const id = await draftOf('editor', { headline: 'Published by the desk' });
      await changeStatus(s.deps, principal('editor'), id, 'published');
      const html = await (await as('contributor').get(`/admin/articles/${id}/edit`)).text();
      expect(html).toContain('You may read this article but not change it.');
      expect(html).toMatch(/<fieldset class="plain" disabled/);
      expect(html).not.toContain('/admin/assets/editor.js');
      expect(html).not.toContain('id="save-button"');
    });

    it('a translator may not start a new article', async () => {
      expect((await as('translator').get('/admin/articles/new')).status).toBe(403);
    });
  });

  describe('the edit page', () => {
    it('shows every field, the body as readers see it, the workflow moves this user may make and the editor script with the CSP nonce', async () => {
      const id = await draftOf('author');
      const res = await as('editor').get(`/admin/articles/${id}/edit`);
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const field of [
        'headline',
        'deck',
        'slug',
        'sectionId',
        'tags',
        'byline-0-contributor',
        'byline-0-role',
        'dateline',
        'heroMediaId',
        'heroAlt',
        'heroCaption',
        'heroCredit',
        'sourcePartnerId',
        'sourceUrl',
        'sourceHeadline',
        'sourceLocale',
        'seoTitle',
        'seoDescription',
        'canonicalUrl',
      ]) {
        expect(html, field).toMatch(new RegExp(`<(input|select|textarea)[^>]* id="${field}"[^>]* name="${field}"`));
      }
      expect(html).toContain('<p>The first ship left at dawn.</p>');
      expect(html).toContain('Editing the text needs JavaScript');
      expect(html).toContain('<option value="Trade" data-id="');
      expect(html).toContain('href="/admin/media"');
      const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1];
      expect(html).toContain(`<script type="module" src="/admin/assets/editor.js" nonce="${nonce}"></script>`);
      expect(html).toContain('<link rel="stylesheet" href="/admin/assets/editor.css"');
      // An editor on a draft: publish, schedule (with the newsroom's time zone) and submit; not "unpublish".
      for (const move of ['Submit for review', 'Publish', 'Schedule']) expect(html).toContain(`>${move}</button>`);
      expect(html).toContain('Publish at (Asia/Almaty time');
      expect(html).not.toContain('>Unpublish</button>');
      // The writer of the draft may only submit it.
      const mine = await (await as('author').get(`/admin/articles/${id}/edit`)).text();
      expect(mine).toContain('>Submit for review</button>');
      expect(mine).not.toContain('>Publish</button>');
    });

    it("links the public page once published, and the story's other language versions with their desks", async () => {
      const id = await draftOf('editor', { headline: 'Two languages' });
      await changeStatus(s.deps, principal('editor'), id, 'published');
      const ru = (await s.app.request(`/api/admin/v1/articles/${id}/translations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `mh_session=${as('editor').cookies.get('mh_session')}`,
          'x-csrf-token': await csrfOf('editor', '/admin'),
        },
        body: JSON.stringify({ locale: 'ru' }),
      })) as Response;
      expect(ru.status).toBe(201);
      const ruId = ((await ru.json()) as { id: number }).id;
      const html = await (await as('editor').get(`/admin/articles/${id}/edit`)).text();
      expect(html).toMatch(/<a href="\/en\/politics\/\d{4}\/\d{2}\/two-languages">Public page<\/a>/);
      expect(html).toContain(`href="/admin/articles/${ruId}/edit"`);
      expect(html).toContain(`href="/admin/articles/${ruId}/translation"`);
      expect(html).toContain('Русский');
      // A sibling still in draft: its headline is for those who may read drafts.
      await saveArticle(s.deps, principal('editor'), ruId, 1, { headline: 'Черновой заголовок', body: doc('x'), sectionId: n.politics });
      expect(await (await as('editor').get(`/admin/articles/${id}/edit`)).text()).toContain('Черновой заголовок');
      // Not theirs to read: the language and state only, and no link to a page that would refuse them.
      const theirs = await (await as('contributor').get(`/admin/articles/${id}/edit`)).text();
      expect(theirs).toContain('<span lang="ru">Русский</span> version exists (Draft)');
      expect(theirs).not.toContain(`/admin/articles/${ruId}/`);
      expect(theirs).not.toContain('Черновой заголовок');
    });

    it('serves the editor bundle (built once, with an ETag) and its stylesheet', async () => {
      const res = await s.app.request('/admin/assets/editor.js');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('javascript');
      const code = await res.text();
      expect(code.length).toBeGreaterThan(100_000);
      expect(code).toContain('masthead:unsaved:');
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await s.app.request('/admin/assets/editor.js', { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      const zipped = await s.app.request('/admin/assets/editor.js', { headers: { 'accept-encoding': 'gzip, br' } });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(new Uint8Array(await zipped.arrayBuffer())).toString('utf8')).toBe(code);
      const css = await s.app.request('/admin/assets/editor.css');
      expect(css.headers.get('content-type')).toContain('text/css');
      expect(await css.text()).toContain('.ProseMirror');
    }, 60_000);
  });

  describe('new drafts', () => {
    it('creates a draft from language, headline and section and opens its edit page; refuses a form without the CSRF token', async () => {
      const csrf = await csrfOf('author', '/admin/articles/new');
      const res = await as('author').post('/admin/articles/new', {
        _csrf: csrf,
        locale: 'ru',
        headline: 'Зерновой коридор открыт',
        sectionId: String(n.economy),
      });
      expect(res.status).toBe(303);
      const id = Number(/^\/admin\/articles\/(\d+)\/edit\?done=created$/.exec(res.headers.get('location')!)![1]);
      const a = (await loadArticle(s.db.kysely, id))!;
      expect(a).toMatchObject({ locale: 'ru', headline: 'Зерновой коридор открыт', slug: 'zernovoy-koridor-otkryt', status: 'draft' });
      expect(a.section.id).toBe(n.economy);
      const page = await as('author').get(res.headers.get('location')!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Draft created.');

      const count = async () => (await s.db.kysely.selectFrom('articles').select(s.db.kysely.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
      const before = await count();
      const refused = await as('author').post('/admin/articles/new', { locale: 'en', headline: 'No token', sectionId: String(n.politics) });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('CSRF_FAILED');
      expect(await count()).toBe(before);
    });

    it('shows a missing headline or an unknown language next to the form', async () => {
      const csrf = await csrfOf('author', '/admin/articles/new');
      const empty = await as('author').post('/admin/articles/new', { _csrf: csrf, locale: 'en', headline: ' ', sectionId: String(n.politics) });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('headline');
      const klingon = await as('author').post('/admin/articles/new', { _csrf: csrf, locale: 'tlh', headline: 'Qapla', sectionId: String(n.politics) });
      expect(klingon.status).toBe(422);
      expect(await klingon.text()).toContain('is not one of this site');
    });
  });

  describe('saving without JavaScript', () => {
    const form = (over: Record<string, string>) => ({
      baseRevision: '1',
      headline: 'Grain corridor reopens fully',
      deck: 'All ships sail.',
      slug: 'grain-corridor-fully',
      sectionId: String(n.economy),
      tags: 'Trade, Shipping lanes',
      'byline-0-contributor': String(n.alice),
      'byline-0-role': 'author',
      'byline-1-contributor': String(n.boris),
      'byline-1-role': 'translator',
      'byline-2-contributor': '',
      'byline-2-role': 'author',
      dateline: 'ODESA',
      heroMediaId: String(n.photo),
      heroAlt: 'A ship',
      heroCaption: 'The first ship.',
      heroCredit: 'Photo: Desk',
      sourcePartnerId: String(n.partner),
      sourceUrl: 'https://steppe-courier.example/1',
      sourceHeadline: 'Коридор открыт',
      sourceLocale: 'ru',
      seoTitle: 'Grain corridor',
      seoDescription: 'Ships sail again.',
      canonicalUrl: '',
      ...over,
    });

    it('saves every field but the body as a new revision; new tags are created by name', async () => {
      const id = await draftOf('author');
      const csrf = await csrfOf('author', `/admin/articles/${id}/edit`);
      const res = await as('author').post(`/admin/articles/${id}`, { _csrf: csrf, ...form({}) });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=saved`);
      const a = (await loadArticle(s.db.kysely, id))!;
      expect(a).toMatchObject({
        headline: 'Grain corridor reopens fully',
        deck: 'All ships sail.',
        slug: 'grain-corridor-fully',
        dateline: 'ODESA',
        seoTitle: 'Grain corridor',
        revision: 2,
      });
      expect(a.section.id).toBe(n.economy);
      expect(a.tags.map((t) => t.name).sort()).toEqual(['Shipping lanes', 'Trade']);
      expect(a.tags.find((t) => t.name === 'Shipping lanes')!.slug).toBe('shipping-lanes');
      expect(a.bylines.map((b) => [b.contributorId, b.role])).toEqual([
        [n.alice, 'author'],
        [n.boris, 'translator'],
      ]);
      expect(a.hero).toMatchObject({ mediaId: n.photo, alt: 'A ship', caption: 'The first ship.', credit: 'Photo: Desk' });
      expect(a.source).toMatchObject({ partnerId: n.partner, url: 'https://steppe-courier.example/1', headline: 'Коридор открыт', locale: 'ru' });
      expect(a.body).toEqual(doc('The first ship left at dawn.'));
      expect(await (await as('author').get(res.headers.get('location')!)).text()).toContain('Saved.');
    });

    it("refuses the form without the session's CSRF token, changing nothing", async () => {
      const id = await draftOf('author');
      for (const token of [undefined, 'x'.repeat(43)]) {
        const res = await as('author').post(`/admin/articles/${id}`, { ...(token ? { _csrf: token } : {}), ...form({}) });
        expect(res.status).toBe(403);
        expect(await res.text()).toContain('CSRF_FAILED');
      }
      expect((await getArticleRow(s.db.kysely, id))!.revision).toBe(1);
    });

    it('a stale form is not saved: the page shows what was sent, now based on the stored revision, so saving again is a choice', async () => {
      const id = await draftOf('author');
      await saveArticle(s.deps, principal('editor'), id, 1, { headline: 'The desk changed it', body: doc('x'), sectionId: n.politics });
      const csrf = await csrfOf('author', '/admin');
      const res = await as('author').post(`/admin/articles/${id}`, { _csrf: csrf, ...form({ headline: 'My headline' }) });
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain('Someone else saved this article after you opened it (it is now at revision 2)');
      expect(html).toContain('value="My headline"');
      expect(html).toContain('name="baseRevision" value="2"');
      expect((await loadArticle(s.db.kysely, id))!.headline).toBe('The desk changed it');
      const again = await as('author').post(`/admin/articles/${id}`, { _csrf: csrf, ...form({ headline: 'My headline', baseRevision: '2' }) });
      expect(again.status).toBe(303);
      expect((await loadArticle(s.db.kysely, id))!.headline).toBe('My headline');
    });

    it('names the bad fields and keeps what was typed; creates no tag when the form is refused', async () => {
      const id = await draftOf('author');
      const csrf = await csrfOf('author', '/admin');
      const res = await as('author').post(`/admin/articles/${id}`, {
        _csrf: csrf,
        ...form({ slug: 'Not A Slug', tags: 'Brand new tag', canonicalUrl: 'javascript:alert(1)' }),
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('<code>slug</code>');
      expect(html).toContain('<code>canonicalUrl</code>');
      expect(html).toContain('value="Not A Slug"');
      expect(await s.db.kysely.selectFrom('tags').select('id').where('name', '=', 'Brand new tag').execute()).toEqual([]);
      expect((await getArticleRow(s.db.kysely, id))!.revision).toBe(1);
    });
  });

  describe('workflow and tags from the page', () => {
    it("moves an article (submit; schedule at a time in the newsroom's zone) and shows a refused move next to the form", async () => {
      const id = await draftOf('author');
      const csrf = await csrfOf('author', '/admin');
      const submit = await as('author').post(`/admin/articles/${id}/status`, { _csrf: csrf, to: 'in_review' });
      expect(submit.status).toBe(303);
      expect((await getArticleRow(s.db.kysely, id))!.status).toBe('in_review');
      // The test clock is 2026-11-20T12:00Z; Almaty is UTC+5.
      const editorCsrf = await csrfOf('editor', '/admin');
      const schedule = await as('editor').post(`/admin/articles/${id}/status`, { _csrf: editorCsrf, to: 'scheduled', publishAt: '2026-12-01T06:00' });
      expect(schedule.status).toBe(303);
      const row = (await getArticleRow(s.db.kysely, id))!;
      expect([row.status, row.published_at]).toEqual(['published', '2026-12-01T01:00:00.000Z']);
      const html = await (await as('editor').get(`/admin/articles/${id}/edit`)).text();
      expect(html).toContain('Scheduled</strong> (goes public 2026-12-01 06:00, Asia/Almaty time)');
      const bad = await as('editor').post(`/admin/articles/${id}/status`, { _csrf: editorCsrf, to: 'unpublished' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('cannot become unpublished');
      const noCsrf = await as('editor').post(`/admin/articles/${id}/status`, { to: 'draft' });
      expect(noCsrf.status).toBe(403);
      expect((await getArticleRow(s.db.kysely, id))!.status).toBe('published');
    });

    it('finds or creates tags by name for the editor (transliterated slugs, one tag per slug), with the CSRF header', async () => {
      const id = await draftOf('author', { locale: 'ru', tagIds: [n.tagRu] });
      const post = async (names: unknown, csrf?: string) =>
        as('author').request(`/admin/articles/${id}/tags`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
          body: JSON.stringify({ names }),
        });
      expect((await post(['Без токена'])).status).toBe(403);
      const csrf = await csrfOf('author', '/admin');
      const res = await post(['Торговля', 'Зерно', 'зерно'], csrf);
      expect(res.status).toBe(200);
      const { tags } = (await res.json()) as { tags: { id: number; slug: string; name: string }[] };
      expect(tags).toEqual([
        { id: n.tagRu, slug: 'torgovlya', name: 'Торговля' },
        { id: expect.any(Number), slug: 'zerno', name: 'Зерно' },
      ]);
      expect((await post(['!!!'], csrf)).status).toBe(422);
      expect((await post('not a list', csrf)).status).toBe(422);
    });
  });

  describe('translating', () => {
    it('shows the original beside a translation, and says when the original changed since', async () => {
      const sourceId = await draftOf('editor', { headline: 'Grain corridor reopens', body: doc('The first ship left at dawn.') });
      const translationId = await translateArticle(s.deps, principal('translator'), sourceId, { locale: 'ru' });
      const page = async (id: number) => (await as('translator').get(`/admin/articles/${id}/edit`)).text();

      const html = await page(translationId);
      const panel = /<section class="source-panel"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      expect(panel).toContain('Original (English)');
      expect(panel).toContain('The first ship left at dawn.');
      expect(panel).not.toContain('see what changed');
      // The original has no original.
      expect(await page(sourceId)).not.toContain('source-panel');

      const base = (await getArticleRow(s.db.kysely, sourceId))!.revision;
      await saveArticle(s.deps, principal('editor'), sourceId, base, {
        headline: 'Grain corridor reopens',
        body: doc('The first two ships left at dawn.'),
        sectionId: n.politics,
      });
      const after = await page(translationId);
      expect(after).toContain('The first two ships left at dawn.');
      expect(after).toContain(`<a href="/admin/articles/${translationId}/translation">see what changed</a>`);
    });
  });

  describe('corrections', () => {
    it('an editor adds a dated correction to a published story from the page; it is stored once and listed', async () => {
      const id = await draftOf('editor', { headline: 'Talks end in Astana' });
      await changeStatus(s.deps, principal('editor'), id, 'published');
      const page = await (await as('editor').get(`/admin/articles/${id}/edit`)).text();
      expect(page).toContain('Add a correction');
      const csrf = await csrfOf('editor', `/admin/articles/${id}/edit`);

      const empty = await as('editor').post(`/admin/articles/${id}/corrections`, { _csrf: csrf, text: '  ' });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('The correction is empty.');
      const long = await as('editor').post(`/admin/articles/${id}/corrections`, { _csrf: csrf, text: 'x'.repeat(2001) });
      expect(long.status).toBe(422);
      expect(await long.text()).toContain('A correction is at most 2,000 characters.');

      const res = await as('editor').post(`/admin/articles/${id}/corrections`, { _csrf: csrf, text: 'An earlier version gave the wrong city.' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=corrected#group-corrections`);
      const a = (await loadArticle(s.db.kysely, id))!;
      expect(a.corrections.map((x) => x.text)).toEqual(['An earlier version gave the wrong city.']);
      expect(await (await as('editor').get(`/admin/articles/${id}/edit`)).text()).toContain('An earlier version gave the wrong city.');

      // Without the session's token nothing is added.
      expect((await as('editor').post(`/admin/articles/${id}/corrections`, { text: 'Forged' })).status).toBe(403);
      expect((await loadArticle(s.db.kysely, id))!.corrections).toHaveLength(1);
    });

    it('offers no correction form on a draft or to an author, and refuses one sent anyway', async () => {
      const draft = await draftOf('author', { headline: 'Not out yet' });
      expect(await (await as('editor').get(`/admin/articles/${draft}/edit`)).text()).not.toContain('Add a correction');
      const csrf = await csrfOf('editor', `/admin/articles/${draft}/edit`);
      const early = await as('editor').post(`/admin/articles/${draft}/corrections`, { _csrf: csrf, text: 'Too early' });
      expect(early.status).toBe(422);
      expect(await early.text()).toContain('Only a story readers have seen gets corrections.');

      const published = await draftOf('author', { headline: 'Out now' });
      await changeStatus(s.deps, principal('editor'), published, 'published');
      expect(await (await as('author').get(`/admin/articles/${published}/edit`)).text()).not.toContain('Add a correction');
      const authorCsrf = await csrfOf('author', `/admin/articles/${published}/edit`);
      expect((await as('author').post(`/admin/articles/${published}/corrections`, { _csrf: authorCsrf, text: 'Mine' })).status).toBe(403);
      expect((await loadArticle(s.db.kysely, published))!.corrections).toHaveLength(0);
    });
  });

  describe('a live story: pending changes, with or without JavaScript', () => {
    const livePage = async (role: Role) => {
      const id = await draftOf(role, { headline: 'Live headline' });
      await changeStatus(s.deps, principal('editor'), id, 'published');
      return id;
    };
    const form = (csrf: string, revision: number, headline: string) => ({
      _csrf: csrf,
      baseRevision: String(revision),
      headline,
      sectionId: String(n.politics),
      tags: 'Trade',
      'byline-0-contributor': String(n.alice),
      'byline-0-role': 'author',
    });

    it('the form saves pending changes; the page edits them; Update makes them live with a correction', async () => {
      const id = await livePage('author');
      const csrf = await csrfOf('editor', `/admin/articles/${id}/edit`);
      const before = (await getArticleRow(s.db.kysely, id))!;
      const page = await (await as('editor').get(`/admin/articles/${id}/edit`)).text();
      expect(page).toContain('data-live="true"');
      expect(page).toMatch(/<section class="side-part pending" id="pending"[^>]* hidden="">/);

      const saved = await as('editor').post(`/admin/articles/${id}`, form(csrf, before.revision, 'Pending headline'));
      expect(saved.status).toBe(303);
      const row = (await getArticleRow(s.db.kysely, id))!;
      expect(row).toMatchObject({ headline: 'Live headline', pending_revision: before.revision + 1, updated_at: before.updated_at });
      // The body was kept: the form has no body, the pending version holds the live one's.
      const again = await (await as('editor').get(`/admin/articles/${id}/edit`)).text();
      expect(again).toContain('value="Pending headline"');
      expect(again).toContain('The first ship left at dawn.');
      expect(again).toContain('Pending changes — not live');
      expect(again).not.toMatch(/id="pending"[^>]* hidden=""/);

      const updated = await as('editor').post(`/admin/articles/${id}/pending/publish`, {
        _csrf: csrf,
        baseRevision: String(row.revision),
        correction: 'The headline was wrong.',
      });
      expect(updated.status).toBe(303);
      expect(updated.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=updated#publish`);
      const live = (await loadArticle(s.db.kysely, id))!;
      expect(live.headline).toBe('Pending headline');
      expect(live.corrections.map((c) => c.text)).toEqual(['The headline was wrong.']);
      expect((await getArticleRow(s.db.kysely, id))!.pending_revision).toBeNull();
    });

    it('a writer saves pending changes to their own live story and submits them, but cannot Update; Discard drops them', async () => {
      const id = await livePage('author');
      const csrf = await csrfOf('author', `/admin/articles/${id}/edit`);
      const page = await (await as('author').get(`/admin/articles/${id}/edit`)).text();
      expect(page).not.toContain('You may read this article but not change it.');
      expect(page).not.toContain('id="pending-update"');
      const rev = (await getArticleRow(s.db.kysely, id))!.revision;
      expect((await as('author').post(`/admin/articles/${id}`, form(csrf, rev, 'Writer pending'))).status).toBe(303);
      expect((await as('author').post(`/admin/articles/${id}/pending/submit`, { _csrf: csrf })).status).toBe(303);
      expect((await getArticleRow(s.db.kysely, id))!.pending_state).toBe('in_review');
      expect((await as('author').post(`/admin/articles/${id}/pending/publish`, { _csrf: csrf })).status).toBe(403);
      // A stale Discard is shown on the page, not applied.
      const stale = await as('author').post(`/admin/articles/${id}/pending/discard`, { _csrf: csrf, baseRevision: String(rev) });
      expect(stale.status).toBe(409);
      expect((await getArticleRow(s.db.kysely, id))!.pending_revision).toBe(rev + 1);
      const discarded = await as('author').post(`/admin/articles/${id}/pending/discard`, { _csrf: csrf, baseRevision: String(rev + 1) });
      expect(discarded.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=discarded#publish`);
      expect((await getArticleRow(s.db.kysely, id))!).toMatchObject({ pending_revision: null, headline: 'Live headline' });
    });

    it('the form schedules an update of the pending changes (in the site time zone) and cancels it', async () => {
      const id = await livePage('author');
      const csrf = await csrfOf('editor', `/admin/articles/${id}/edit`);
      const rev = (await getArticleRow(s.db.kysely, id))!.revision;
      expect((await as('editor').post(`/admin/articles/${id}`, form(csrf, rev, 'Scheduled pending'))).status).toBe(303);
      const bad = await as('editor').post(`/admin/articles/${id}/pending/schedule`, { _csrf: csrf, publishAt: 'soon' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('The time of the update is missing or not a date and time.');
      const before = await (await as('editor').get(`/admin/articles/${id}/edit`)).text();
      expect(before).toContain(`<form method="post" action="/admin/articles/${id}/pending/schedule" class="pending-action" id="pending-schedule">`);
      expect(before).toContain('type="datetime-local"');
      const ok = await as('editor').post(`/admin/articles/${id}/pending/schedule`, { _csrf: csrf, publishAt: '2099-01-02T09:30' });
      expect(ok.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=update-scheduled#publish`);
      const [job] = await waitingJobs(s.db.kysely, { articleId: id, kind: PUBLISH_PENDING });
      expect(job!.payload).toMatchObject({ pendingRevision: rev + 1, publishAt: zonedLocalToUtc('2099-01-02T09:30', TEST_SITE.timeZone) });
      const scheduled = await (await as('editor').get(`/admin/articles/${id}/edit?done=update-scheduled`)).text();
      expect(scheduled).toContain('The update is scheduled: the pending changes go live at the chosen time');
      expect(scheduled).toContain('The update is scheduled for');
      expect(scheduled).toContain('id="pending-unschedule"');
      const off = await as('editor').post(`/admin/articles/${id}/pending/unschedule`, { _csrf: csrf });
      expect(off.headers.get('location')).toBe(`/admin/articles/${id}/edit?done=update-unscheduled#publish`);
      expect(await waitingJobs(s.db.kysely, { articleId: id, kind: PUBLISH_PENDING })).toEqual([]);
      const authorCsrf = await csrfOf('author', `/admin/articles/${id}/edit`);
      expect((await as('author').post(`/admin/articles/${id}/pending/schedule`, { _csrf: authorCsrf, publishAt: '2099-01-02T09:30' })).status).toBe(403);
    });

    it('Publish on a draft carries what its confirmation says', async () => {
      const id = await draftOf('editor');
      const page = await (await as('editor').get(`/admin/articles/${id}/edit`)).text();
      expect(page).toContain('data-move="published" data-confirm="This will publish it to the English home page and feeds now."');
    });
  });
});
