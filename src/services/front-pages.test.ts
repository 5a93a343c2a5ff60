import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../content/policy.js';
import { userPrincipal, type Principal } from '../content/principal.js';
import { ROLES, type Role } from '../content/types.js';
import { listAudit } from '../db/audit-repo.js';
import { localChangeBus } from '../db/change-bus.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, refused, testDeps, type Newsroom } from '#test/fixtures.js';
import { waitFor } from '#test/wait-for.js';
import { createArticle } from './article-store.js';
import { createUser } from './create-user.js';
import { readFrontPage, saveFrontPage } from './front-pages.js';
import { watchFrontPageExpiry } from './front-page-watch.js';
import { homePage } from './site-pages.js';

const NOW = '2026-11-20T12:00:00.000Z';
const LOCALES = ['en', 'ru', 'kk'];
const minutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

forEachEngine('the front page: %s', (engine) => {
  let opened: OpenedDb;
  let n: Newsroom;
  let deps: ReturnType<typeof testDeps>;
  const actors = {} as Record<Role, Actor>;
  const as = (role: Role): Principal => userPrincipal(actors[role]);
  const announced: string[][] = [];
  // Stories of the test: s[0] … s[5] in English, oldest first (s[1] without an image), s[6] older in Economy; one Russian story.
  const s: number[] = [];
  let ru: number;

  const story = (headline: string, minutesAgo: number, extra: Record<string, unknown> = {}) =>
    createArticle(deps, {
      locale: 'en',
      headline,
      body: doc('Text.'),
      sectionId: n.politics,
      status: 'published',
      publishedAt: minutes(NOW, -minutesAgo),
      hero: { mediaId: n.photo, alt: 'A square' },
      ...extra,
    });

  beforeAll(async () => {
    opened = await openDb(engine);
    n = await newsroom(opened.db);
    deps = testDeps(opened.db, NOW);
    deps.changes.subscribe((keys) => announced.push(keys));
    for (const role of ROLES) {
      const u = await createUser(deps, { email: `${role}@example.org`, name: `${role} person`, role, password: 'correct horse battery staple' });
      actors[role] = { id: u.id, role, active: true };
    }
    s.push(await story('Oldest politics', 60));
    s.push(await story('Economy without an image', 50, { sectionId: n.economy, hero: null }));
    s.push(await story('Economy story', 40, { sectionId: n.economy }));
    s.push(await story('Politics story', 30));
    s.push(await story('Second newest', 20));
    s.push(await story('Newest with image', 10));
    s.push(await story('Economy, never pinned', 45, { sectionId: n.economy }));
    ru = await createArticle(deps, {
      locale: 'ru',
      headline: 'Русский материал',
      body: doc('Текст.'),
      sectionId: n.politics,
      status: 'published',
      publishedAt: minutes(NOW, -5),
    });
  });
  afterAll(async () => opened?.cleanup());

  const headlines = (xs: { headline: string }[]) => xs.map((x) => x.headline);

  it('with nothing pinned, the newest story with an image leads and the sections keep their order', async () => {
    const v = await readFrontPage(deps, as('editor'), LOCALES, 'en');
    expect(v).toMatchObject({ locale: 'en', lead: null, top: [], sections: [], updatedAt: null, shown: { lead: s[5], top: [] } });
    const home = await homePage(deps, 'en');
    expect(home.lead?.id).toBe(s[5]);
    expect(home.top).toEqual([]);
    expect(home.blocks.map((b) => b.section.slug)).toEqual(['politics', 'economy']);
  });

  it('a pinned lead leads, the top stories follow in their order, and neither repeats in the section blocks', async () => {
    announced.length = 0;
    const v = await saveFrontPage(deps, as('editor'), LOCALES, 'en', {
      lead: s[0],
      top: [{ articleId: s[2] }, { articleId: s[1], until: null }, { articleId: s[4], until: '2026-11-21T09:00:00+06:00' }],
      sections: ['economy'],
    });
    expect(v).toMatchObject({
      lead: s[0],
      top: [
        { articleId: s[2], until: null },
        { articleId: s[1], until: null },
        { articleId: s[4], until: '2026-11-21T03:00:00.000Z' },
      ],
      sections: ['economy'],
      updatedAt: NOW,
      updatedBy: actors.editor.id,
      shown: { lead: s[0], top: [s[2], s[1], s[4]] },
    });
    expect(announced).toEqual([['front-en']]);
    const home = await homePage(deps, 'en');
    expect(home.lead?.headline).toBe('Oldest politics');
    expect(headlines(home.top)).toEqual(['Economy story', 'Economy without an image', 'Second newest']);
    expect(home.blocks.map((b) => b.section.slug)).toEqual(['economy', 'politics']);
    const inBlocks = home.blocks.flatMap((b) => b.items.map((a) => a.id));
    for (const id of [s[0], s[1], s[2], s[4]]) expect(inBlocks).not.toContain(id);
    // The other languages are untouched.
    expect((await homePage(deps, 'ru')).lead?.id).toBe(ru);
  });

  it('writes an audit row naming who, the language, and the pins before and after', async () => {
    const [row] = await listAudit(opened.db.kysely, { subjectType: 'front-page', limit: 1 });
    expect(row).toMatchObject({ action: 'front-page.update', actorUserId: actors.editor.id, details: { locale: 'en', to: { lead: s[0] } } });
    expect((row!.details['to'] as { top: unknown[] }).top).toHaveLength(3);
  });

  it('with top stories pinned but no lead, the lead is the newest story with an image that is not pinned', async () => {
    await saveFrontPage(deps, as('admin'), LOCALES, 'en', { lead: null, top: [{ articleId: s[5] }] });
    const home = await homePage(deps, 'en');
    expect(home.lead?.id).toBe(s[4]);
    expect(home.top.map((a) => a.id)).toEqual([s[5]]);
  });

  it('a top story whose time has passed drops back to the automatic order', async () => {
    await saveFrontPage(deps, as('editor'), LOCALES, 'en', { lead: s[3], top: [{ articleId: s[0], until: minutes(NOW, 30) }, { articleId: s[2] }] });
    expect((await homePage(deps, 'en')).top.map((a) => a.id)).toEqual([s[0], s[2]]);
    deps.setNow(minutes(NOW, 31));
    try {
      const home = await homePage(deps, 'en');
      expect(home.top.map((a) => a.id)).toEqual([s[2]]);
      expect(home.blocks.flatMap((b) => b.items.map((a) => a.id))).toContain(s[0]);
      const v = await readFrontPage(deps, as('author'), LOCALES, 'en');
      // Still listed among the pins (an editor sees it ran out), no longer shown.
      expect(v.top.map((t) => t.articleId)).toEqual([s[0], s[2]]);
      expect(v.shown).toEqual({ lead: s[3], top: [s[2]] });
    } finally {
      deps.setNow(NOW);
    }
  });

  it('a pinned story readers cannot see is skipped, never shown, and appears once it is public', async () => {
    const draft = await createArticle(deps, { locale: 'en', headline: 'Still a draft', body: doc('x'), sectionId: n.politics, status: 'draft' });
    const gone = await story('Taken down', 15, { status: 'unpublished' });
    const embargoed = await story('Embargoed until noon tomorrow', -60 * 24);
    await saveFrontPage(deps, as('editor'), LOCALES, 'en', {
      lead: embargoed,
      top: [{ articleId: draft }, { articleId: gone }, { articleId: s[2] }],
    });
    const home = await homePage(deps, 'en');
    expect(home.lead?.id).toBe(s[5]);
    expect(home.top.map((a) => a.id)).toEqual([s[2]]);
    const all = [home.lead, ...home.top, ...home.latest, ...home.blocks.flatMap((b) => b.items)].map((a) => a?.id);
    for (const id of [draft, gone, embargoed]) expect(all).not.toContain(id);
    deps.setNow(minutes(NOW, 60 * 24 + 1));
    try {
      expect((await homePage(deps, 'en')).lead?.id).toBe(embargoed);
    } finally {
      deps.setNow(NOW);
    }
  });

  describe('refuses, naming the entry, and stores nothing', () => {
    const before = async () => readFrontPage(deps, as('editor'), LOCALES, 'en');
    const cases: [string, () => Record<string, unknown>, string, string | null][] = [
      ['an unknown article', () => ({ lead: 999_999 }), 'UNKNOWN_ARTICLE', '#/lead'],
      ['an article in another language', () => ({ top: [{ articleId: s[2] }, { articleId: ru }] }), 'WRONG_LOCALE', '#/top/1/articleId'],
      ['the lead again among the top stories', () => ({ lead: s[2], top: [{ articleId: s[2] }] }), 'DUPLICATE_PIN', '#/top/0/articleId'],
      ['a top story twice', () => ({ top: [{ articleId: s[2] }, { articleId: s[3] }, { articleId: s[2] }] }), 'DUPLICATE_PIN', '#/top/2/articleId'],
      ['a section twice', () => ({ sections: ['economy', 'economy'] }), 'DUPLICATE_PIN', '#/sections/1'],
      ['an unknown section', () => ({ sections: ['economy', 'sport'] }), 'UNKNOWN_SECTION', '#/sections/1'],
      ['more than 12 top stories', () => ({ top: Array.from({ length: 13 }, (_, i) => ({ articleId: 1000 + i })) }), 'TOO_MANY_TOP_STORIES', '#/top/12'],
      ['a time that is not ISO 8601', () => ({ top: [{ articleId: s[2], until: 'tomorrow' }] }), 'VALIDATION_FAILED', null],
      ['an unknown field', () => ({ lead: null, pinned: [] }), 'VALIDATION_FAILED', null],
    ];
    for (const [what, body, code, pointer] of cases) {
      it(what, async () => {
        const was = await before();
        const e = await refused(saveFrontPage(deps, as('editor'), LOCALES, 'en', body()));
        expect(e.code).toBe(code);
        expect(e.status).toBe(422);
        expect(e.hint).toBeTruthy();
        if (pointer) expect(e.details?.['pointer']).toBe(pointer);
        expect(await before()).toEqual(was);
      });
    }

    it('a language the site does not have', async () => {
      expect((await refused(saveFrontPage(deps, as('editor'), LOCALES, 'de', {}))).code).toBe('NOT_FOUND');
      expect((await refused(readFrontPage(deps, as('editor'), LOCALES, 'de'))).code).toBe('NOT_FOUND');
    });
  });

  it('only editors and admins may pin; every role may read the pins', async () => {
    for (const role of ROLES) {
      const may = role === 'admin' || role === 'editor';
      await expect(readFrontPage(deps, as(role), LOCALES, 'en')).resolves.toBeTruthy();
      if (may) await expect(saveFrontPage(deps, as(role), LOCALES, 'en', { lead: s[1] })).resolves.toBeTruthy();
      else expect((await refused(saveFrontPage(deps, as(role), LOCALES, 'en', { lead: s[1] }))).code).toBe('FORBIDDEN');
    }
    const inactive = { ...as('editor'), actor: { ...actors.editor, active: false } };
    expect((await refused(saveFrontPage(deps, inactive, LOCALES, 'en', {}))).code).toBe('FORBIDDEN');
  });

  it('an empty save unpins everything: the automatic order is back', async () => {
    await saveFrontPage(deps, as('editor'), LOCALES, 'en', {});
    const home = await homePage(deps, 'en');
    expect(home.lead?.id).toBe(s[5]);
    expect(home.top).toEqual([]);
    expect(home.blocks.map((b) => b.section.slug)).toEqual(['politics', 'economy']);
  });

  it('the expiry watcher announces the home page when a pin runs out, with no save', async () => {
    const live = { ...deps, clock: () => new Date(), changes: localChangeBus() };
    const heard: string[][] = [];
    live.changes.subscribe((keys) => heard.push(keys));
    const watch = watchFrontPageExpiry(live);
    try {
      await saveFrontPage(live, as('editor'), LOCALES, 'ru', { top: [{ articleId: ru, until: new Date(Date.now() + 400).toISOString() }] });
      expect(heard).toEqual([['front-ru']]);
      await waitFor(async () => heard.length === 2, { timeout: 3000, interval: 20, what: 'the expiry announcement' });
      expect(heard[1]).toEqual(['front-ru']);
    } finally {
      watch.stop();
    }
  });
});
