import { afterAll, beforeAll, expect, it } from 'vitest';
import { getArticleRow } from '../../db/articles-repo.js';
import { listAudit } from '../../db/audit-repo.js';
import { adminSite, type AdminSite, type Agent } from '#test/admin.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, type Newsroom } from '#test/fixtures.js';
import { saveArticle, translateArticle } from '../../services/articles.js';
import { savePendingChanges } from '../../services/pending-changes.js';
import { createArticle } from '../../services/article-store.js';
import { userPrincipal } from '../../content/principal.js';

forEachEngine('admin article list and translation desk over HTTP: %s', (engine) => {
  let s: AdminSite;
  let n: Newsroom;
  let source: number;
  const editorAgent = {} as { a: Agent; csrf: string };

  beforeAll(async () => {
    s = await adminSite(engine);
    n = await newsroom(s.db);
    // 29 filler stories so the list needs a second page, then the story the desk works on (newest).
    for (let i = 0; i < 29; i++) {
      await createArticle(
        s.deps,
        { locale: 'en', headline: `Filler story ${i}`, body: doc('Text.'), sectionId: n.economy, status: 'draft' },
        s.users.editor.id,
      );
    }
    source = await createArticle(
      s.deps,
      {
        locale: 'en',
        headline: 'Grain corridor reopens',
        deck: 'Ships sail again.',
        body: doc('The first ship left at dawn.'),
        sectionId: n.politics,
        status: 'draft',
        bylines: [{ contributorId: n.alice, role: 'author' }],
      },
      s.users.editor.id,
    );
    editorAgent.a = s.agent();
    await editorAgent.a.login(s.users.editor.email);
    editorAgent.csrf = await editorAgent.a.csrfFrom('/admin');
  });
  afterAll(async () => s?.cleanup());

  const loggedIn = async (role: keyof AdminSite['users']) => {
    const a = s.agent();
    expect((await a.login(s.users[role].email)).status).toBe(303);
    return { a, csrf: await a.csrfFrom('/admin') };
  };
  const rowsOf = (html: string) => [...html.matchAll(/<a href="\/admin\/articles\/(\d+)\/edit"/g)].map((m) => Number(m[1]));

  it('sends visitors without a session to the login form', async () => {
    for (const path of ['/admin/articles', `/admin/articles/${source}/translation`]) {
      const res = await s.agent().get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent(path)}`);
    }
    const post = await s.agent().post(`/admin/articles/${source}/notes`, { text: 'x' }, { accept: 'application/json' });
    expect(post.status).toBe(401);
  });

  it('lists articles newest first, 25 a page, with an "Older" link that neither repeats nor skips', async () => {
    const { a } = editorAgent;
    const first = await a.get('/admin/articles');
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('href="/admin/articles/new"');
    expect(html).toContain('aria-current="page">');
    const page1 = rowsOf(html);
    expect(page1).toHaveLength(25);
    expect(page1[0]).toBe(source);
    const older = /<a href="([^"]+)" rel="next">Older<\/a>/.exec(html)![1]!.replace(/&amp;/g, '&');
    const page2 = rowsOf(await (await a.get(older)).text());
    expect(page2).toHaveLength(5);
    expect(new Set([...page1, ...page2]).size).toBe(30);
    expect(Math.min(...page1)).toBeGreaterThan(Math.max(...page2));
  });

  it('filters by the form’s fields and keeps them in the "Older" link', async () => {
    const { a } = editorAgent;
    const bySection = await (await a.get('/admin/articles?section=politics&status=&q=&author=&language=en&assignee=&dateField=updated&from=&to=')).text();
    expect(rowsOf(bySection)).toEqual([source]);
    expect(bySection).toContain('<option value="politics" selected="">');
    const byAuthor = await (await a.get(`/admin/articles?author=${n.alice}`)).text();
    expect(rowsOf(byAuthor)).toEqual([source]);
    expect(rowsOf(await (await a.get('/admin/articles?q=grain+corridor')).text())).toEqual([source]);
    expect(rowsOf(await (await a.get('/admin/articles?language=ru')).text())).toEqual([]);
    // Everything here was saved on 20 November (the test clock), in the newsroom's time zone.
    expect(rowsOf(await (await a.get('/admin/articles?from=2026-11-21')).text())).toEqual([]);
    expect(rowsOf(await (await a.get('/admin/articles?from=2026-11-20&to=2026-11-20')).text())).toHaveLength(25);
    const economy = await (await a.get('/admin/articles?section=economy')).text();
    expect(/<a href="([^"]+)" rel="next">/.exec(economy)![1]).toContain('section=economy');
  });

  it('refuses a bad filter with a page naming it', async () => {
    const res = await editorAgent.a.get('/admin/articles?status=lost&language=de');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('VALIDATION_FAILED');
    expect(html).toContain('status');
  });

  it('translates from the desk (with a CSRF token only), then flags, diffs and clears "needs update"', async () => {
    const { a, csrf } = await loggedIn('translator');
    const desk = await (await a.get(`/admin/articles/${source}/translation`)).text();
    expect(desk).toContain('Translate into ru');
    expect(desk).not.toContain('Translate into en');

    const forged = await a.post(`/admin/articles/${source}/translate`, { locale: 'ru' }, { accept: 'application/json' });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('CSRF_FAILED');
    expect(await (await a.get(`/admin/articles/${source}/translation`)).text()).toContain('Translate into ru');

    const made = await a.post(`/admin/articles/${source}/translate`, { _csrf: csrf, locale: 'ru' });
    expect(made.status).toBe(303);
    const ru = Number(/^\/admin\/articles\/(\d+)\/edit$/.exec(made.headers.get('location')!)![1]);
    expect((await getArticleRow(s.db.kysely, ru))!.translated_from_id).toBe(source);

    const fresh = await (await a.get(`/admin/articles/${ru}/translation`)).text();
    expect(fresh).toContain('Up to date with the source');
    expect(fresh).not.toContain('Mark as up to date');

    await saveArticle(s.deps, userPrincipal({ id: s.users.editor.id, role: 'editor', active: true }), source, 1, {
      headline: 'Grain corridor reopens',
      deck: 'Ships sail again.',
      body: doc('The second ship left at dawn.'),
      sectionId: n.politics,
      bylines: [{ contributorId: n.alice, role: 'author' }],
    });
    const stale = await (await a.get(`/admin/articles/${ru}/translation`)).text();
    expect(stale).toContain('Needs update: the source changed');
    expect(stale).toContain('<del>first</del>');
    expect(stale).toContain('<ins>second</ins>');
    expect(stale).toMatch(
      /<section class="column" aria-labelledby="col-source">[\s\S]*The second ship[\s\S]*<section class="column" aria-labelledby="col-translation">[\s\S]*The first ship/,
    );
    expect(stale).toContain(`href="/admin/articles/${ru}/edit"`);
    // The list and the source's desk say so too.
    expect(await (await editorAgent.a.get('/admin/articles?section=politics')).text()).toContain('ru: needs update');
    expect(await (await a.get(`/admin/articles/${source}/translation`)).text()).toContain('needs update');
    expect(await (await editorAgent.a.get('/admin')).text()).toMatch(/Translations needing update<\/h2>[\s\S]*Grain corridor reopens/);

    expect((await a.post(`/admin/articles/${ru}/translation/up-to-date`, {}, { accept: 'application/json' })).status).toBe(403);
    const marked = await a.post(`/admin/articles/${ru}/translation/up-to-date`, { _csrf: csrf });
    expect(marked.status).toBe(303);
    expect(marked.headers.get('location')).toBe(`/admin/articles/${ru}/translation?done=up-to-date`);
    const done = await (await a.get(marked.headers.get('location')!)).text();
    expect(done).toContain('Marked as up to date with the source.');
    expect(done).toContain('Up to date with the source');
    expect((await listAudit(s.db.kysely, { subjectType: 'article', subjectId: ru })).map((x) => x.action)).toContain('article.translation-up-to-date');
  });

  it('takes notes from whoever may edit the story and refuses the rest', async () => {
    const { a, csrf } = editorAgent;
    const res = await a.post(`/admin/articles/${source}/notes`, { _csrf: csrf, text: 'Check the <minister>’s title.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/articles/${source}/translation?done=noted#notes`);
    const page = await (await a.get(`/admin/articles/${source}/translation`)).text();
    expect(page).toContain('Check the &lt;minister&gt;’s title.');
    expect(await (await a.get('/admin')).text()).toMatch(/Recent notes<\/h2>[\s\S]*Check the &lt;minister&gt;/);

    const empty = await a.post(`/admin/articles/${source}/notes`, { _csrf: csrf, text: '   ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('A note needs between 1 and 4000 characters of text.');

    const author = await loggedIn('author');
    const refused = await author.a.post(`/admin/articles/${source}/notes`, { _csrf: author.csrf, text: 'Mine?' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('FORBIDDEN');
    expect((await author.a.get(`/admin/articles/${source}/translation`)).status).toBe(403);
  });

  it('lets the desk assign someone (audited), shown on the list and on their dashboard', async () => {
    const { a, csrf } = editorAgent;
    const res = await a.post(`/admin/articles/${source}/assignee`, { _csrf: csrf, assignee: String(s.users.translator.id) });
    expect(res.status).toBe(303);
    const audit = await listAudit(s.db.kysely, { subjectType: 'article', subjectId: source });
    expect(audit.find((x) => x.action === 'article.assigned')).toMatchObject({
      actorUserId: s.users.editor.id,
      details: { from: null, to: s.users.translator.id },
    });
    expect(await (await a.get(`/admin/articles/${source}/translation`)).text()).toContain('Assigned to Translator Person.');
    expect(rowsOf(await (await a.get(`/admin/articles?assignee=${s.users.translator.id}`)).text())).toEqual([source]);

    const translator = await loggedIn('translator');
    expect(rowsOf(await (await translator.a.get('/admin/articles?assignee=me')).text())).toEqual([source]);
    expect(await (await translator.a.get('/admin')).text()).toMatch(/Assigned to me<\/h2>[\s\S]*Grain corridor reopens/);
    // Translators may not assign: the form is not shown, and a forged post is refused.
    expect(await (await translator.a.get(`/admin/articles/${source}/translation`)).text()).not.toContain('Save assignment');
    const refused = await translator.a.post(`/admin/articles/${source}/assignee`, { _csrf: translator.csrf, assignee: '' });
    expect(refused.status).toBe(403);

    const bad = await a.post(`/admin/articles/${source}/assignee`, { _csrf: csrf, assignee: '999999' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('There is no active account 999999 to assign.');
    expect((await a.post(`/admin/articles/${source}/assignee`, { _csrf: csrf, assignee: '' })).status).toBe(303);
    expect((await getArticleRow(s.db.kysely, source))!.assignee_user_id).toBeNull();
  });

  it('keeps the dashboard’s account sections', async () => {
    const html = await (await editorAgent.a.get('/admin')).text();
    for (const h of ['Scheduled', 'In review', 'Assigned to me', 'Translations needing update', 'Recent notes', 'Your account']) {
      expect(html).toContain(`>${h}</h2>`);
    }
    // Who else is logged in is for admins only (security review, issue 10 item 10).
    expect(html).not.toContain('>Logged in now</h2>');
  });

  // Regression (security review, issue 10 item 7): an author refused a translator's draft translation (403) still
  // read its headline in the story's translations, over the Admin API and on the translation desk page.
  it('shows a writer a sibling draft they may not read by language and state only, in the API and on the desk page', async () => {
    const mine = await createArticle(
      s.deps,
      { locale: 'en', headline: 'Harbour strike ends', body: doc('Dockers return.'), sectionId: n.economy, status: 'draft' },
      s.users.author.id,
    );
    const translator = userPrincipal({ id: s.users.translator.id, role: 'translator', active: true });
    const ru = await translateArticle(s.deps, translator, mine, { locale: 'ru' });
    await saveArticle(s.deps, translator, ru, 1, {
      headline: 'Секретный заголовок перевода',
      deck: 'Подзаголовок перевода',
      slug: 'sekretnyi-slag-perevoda',
      body: doc('Текст перевода.'),
      sectionId: n.economy,
    });
    const secrets = ['Секретный заголовок перевода', 'Подзаголовок перевода', 'sekretnyi-slag-perevoda', 'Текст перевода'];
    const author = await loggedIn('author');
    expect((await author.a.get(`/api/admin/v1/articles/${ru}`)).status).toBe(403);

    const api = await author.a.get(`/api/admin/v1/articles/${mine}/translations`);
    expect(api.status).toBe(200);
    const json = await api.text();
    for (const secret of secrets) expect(json).not.toContain(secret);
    expect(json).not.toContain(`"id":${ru}`);
    const { versions } = JSON.parse(json) as { versions: Record<string, unknown>[] };
    expect(versions.map((v) => [v['locale'], v['readable'], v['headline']])).toEqual([
      ['en', true, 'Harbour strike ends'],
      ['ru', false, undefined],
    ]);
    expect(versions[1]).toEqual({ readable: false, locale: 'ru', state: 'draft' });

    const desk = await author.a.get(`/admin/articles/${mine}/translation`);
    expect(desk.status).toBe(200);
    const html = await desk.text();
    for (const secret of secrets) expect(html).not.toContain(secret);
    expect(html).not.toContain(`/admin/articles/${ru}/`);
    expect(html).toContain('<span lang="ru">Русский</span> version exists.');

    // The edit page lists the story's versions by the same rule.
    const edit = await (await author.a.get(`/admin/articles/${mine}/edit`)).text();
    for (const secret of secrets) expect(edit).not.toContain(secret);
    expect(edit).toContain('<span lang="ru">Русский</span> version exists (Draft)');

    // The desk, who may read every draft, sees it in full.
    expect(await (await editorAgent.a.get(`/api/admin/v1/articles/${mine}/translations`)).text()).toContain('Секретный заголовок перевода');
    const editors = await (await editorAgent.a.get(`/admin/articles/${mine}/translation`)).text();
    expect(editors).toContain('Секретный заголовок перевода');
    expect(editors).toContain(`href="/admin/articles/${ru}/translation"`);
    expect(await (await editorAgent.a.get(`/admin/articles/${mine}/edit`)).text()).toContain('Секретный заголовок перевода');
  });

  it('flags stories with pending changes (who and when) and filters on them, in the page and the Admin API', async () => {
    const editor = userPrincipal({ id: s.users.editor.id, role: 'editor', active: true });
    const live = await createArticle(
      s.deps,
      {
        locale: 'en',
        headline: 'Ferry strike ends',
        body: doc('Boats sail.'),
        sectionId: n.economy,
        status: 'published',
        bylines: [{ contributorId: n.alice, role: 'author' }],
      },
      s.users.editor.id,
    );
    const row = (await getArticleRow(s.db.kysely, live))!;
    await savePendingChanges(s.deps, editor, live, row.revision, {
      headline: 'Ferry strike ends after talks',
      body: doc('Boats sail.'),
      sectionId: n.economy,
      bylines: [{ contributorId: n.alice, role: 'author' }],
    });

    const all = await (await editorAgent.a.get('/admin/articles')).text();
    const liveRow = new RegExp(`<tr><td class="headline"><a href="/admin/articles/${live}/edit"[\\s\\S]*?</tr>`).exec(all)![0];
    expect(liveRow).toContain('<span class="badge pending">Pending changes</span>');
    expect(liveRow).toContain(
      `saved by ${(await s.db.kysely.selectFrom('users').select('name').where('id', '=', s.users.editor.id).executeTakeFirstOrThrow()).name}`,
    );
    expect(all.match(/class="badge pending"/g)).toHaveLength(1);

    const only = await (await editorAgent.a.get('/admin/articles?pending=1')).text();
    expect(rowsOf(only)).toEqual([live]);
    expect(only).toContain('<option value="1" selected="">Waiting to be published</option>');
    expect(rowsOf(await (await editorAgent.a.get('/admin/articles?pending=0')).text())).not.toContain(live);
    expect((await editorAgent.a.get('/admin/articles?pending=maybe')).status).toBe(422);

    const api = (await (await editorAgent.a.get('/api/admin/v1/articles?pending=1')).json()) as { items: Record<string, unknown>[] };
    expect(api.items).toMatchObject([{ id: live, hasPendingChanges: true, pendingChanges: { state: 'draft', user: expect.any(String) } }]);
    const none = (await (await editorAgent.a.get('/api/admin/v1/articles?pending=false&limit=100')).json()) as { items: Record<string, unknown>[] };
    expect(none.items.length).toBeGreaterThan(0);
    expect(none.items.every((i) => i['hasPendingChanges'] === false && i['pendingChanges'] === null)).toBe(true);
  });

  it('answers 404 for an article that does not exist', async () => {
    expect((await editorAgent.a.get('/admin/articles/999999/translation')).status).toBe(404);
  });
});
