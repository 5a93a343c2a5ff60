import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../content/policy.js';
import { ROLES, type Role } from '../content/types.js';
import { getArticleRow, updateArticleRow } from '../db/articles-repo.js';
import { listAudit } from '../db/audit-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, refused, testDeps, type Newsroom } from '#test/fixtures.js';
import { listArticles, saveArticle, translateArticle, type ListQuery } from './articles.js';
import { createArticle } from './article-store.js';
import { assignArticle } from './article-assignment.js';
import { addNote, listArticleNotes } from './article-notes.js';
import { dashboard } from './desk-dashboard.js';
import { markTranslationUpToDate, storyTranslations, type VersionStatus } from './translation-status.js';
import { userPrincipal, type Principal } from '../content/principal.js';
import { deactivateUser } from './accounts.js';
import { createUser } from './create-user.js';
import { changeStatus, scheduleArticle } from './workflow.js';

const NOW = '2026-11-20T12:00:00.000Z';

forEachEngine('the desk: %s', (engine) => {
  let opened: OpenedDb;
  let n: Newsroom;
  let deps: ReturnType<typeof testDeps>;
  const actors = {} as Record<Role, Actor>;
  const as = (role: Role): Principal => userPrincipal(actors[role]);

  beforeAll(async () => {
    opened = await openDb(engine);
    n = await newsroom(opened.db);
    deps = testDeps(opened.db, NOW);
    for (const role of ROLES) {
      const u = await createUser(deps, { email: `${role}@example.org`, name: `${role} person`, role, password: 'correct horse battery staple' });
      actors[role] = { id: u.id, role, active: true };
    }
  });
  afterAll(async () => opened?.cleanup());

  const draft = (ownerId: number | null, extra: Record<string, unknown> = {}) =>
    createArticle(
      deps,
      { locale: 'en', headline: 'A story', body: doc('The first ship left at dawn.'), sectionId: n.politics, status: 'draft', ...extra },
      ownerId,
    );

  describe('the article list filters', () => {
    type Made = {
      id: number;
      locale: string;
      section: number;
      state: string;
      contributor: number | null;
      owner: number | null;
      assignee: number | null;
      updated: string;
      published: string | null;
    };
    const made: Made[] = [];
    let all: number[];
    const PREFIX = 'filterable';

    beforeAll(async () => {
      // Twelve stories that differ in every filtered property, each saved at its own time.
      for (let i = 0; i < 12; i++) {
        const updated = new Date(Date.parse('2026-10-01T08:00:00Z') + i * 86_400_000).toISOString();
        deps.setNow(updated);
        const locale = i % 3 === 0 ? 'ru' : 'en';
        const section = i % 2 ? n.economy : n.politics;
        const contributor = i % 4 === 0 ? n.alice : i % 4 === 1 ? n.olga : null;
        const owner = i % 3 === 1 ? actors.author.id : actors.editor.id;
        const id = await createArticle(
          deps,
          {
            locale,
            headline: `${PREFIX} ${i} ${i % 5 === 0 ? 'grain' : 'rail'}`,
            body: doc('Text.'),
            sectionId: section,
            status: 'draft',
            bylines: contributor ? [{ contributorId: contributor, role: 'author' }] : [],
          },
          owner,
        );
        const state = ['draft', 'in_review', 'published', 'scheduled'][i % 4]!;
        const published = state === 'published' ? updated : state === 'scheduled' ? '2026-12-15T06:00:00.000Z' : null;
        await updateArticleRow(opened.db.kysely, id, {
          status: state === 'scheduled' ? 'published' : state,
          published_at: published,
          scheduled_at: state === 'scheduled' ? published : null,
        });
        const assignee = i % 5 === 2 ? actors.translator.id : null;
        if (assignee) await assignArticle(deps, as('editor'), id, assignee);
        made.push({ id, locale, section, state, contributor, owner, assignee, updated, published });
      }
      deps.setNow(NOW);
      all = made.map((m) => m.id).reverse();
    });

    async function ids(q: Omit<ListQuery, 'limit' | 'q'>, limit = 100): Promise<number[]> {
      const { items } = await listArticles(deps, as('admin'), { q: PREFIX, ...q, limit });
      return items.map((i) => i.id);
    }
    const where = (f: (m: Made) => boolean) =>
      made
        .filter(f)
        .map((m) => m.id)
        .reverse();

    it('without filters lists every story newest first', async () => {
      expect(await ids({})).toEqual(all);
    });

    it.each<[string, Omit<ListQuery, 'limit' | 'q'>, (m: Made) => boolean]>([
      ['status draft', { status: 'draft' }, (m) => m.state === 'draft'],
      ['status in review', { status: 'in_review' }, (m) => m.state === 'in_review'],
      ['status published (date passed)', { status: 'published' }, (m) => m.state === 'published'],
      ['status scheduled (date to come)', { status: 'scheduled' }, (m) => m.state === 'scheduled'],
      ['language', { locale: 'ru' }, (m) => m.locale === 'ru'],
      ['section', { section: 'economy' }, (m) => m.section === n.economy],
      ['author (contributor)', { author: 0 }, (m) => m.contributor === n.olga],
      ['author (user)', { authorUser: 0 }, (m) => m.owner === actors.author.id],
      ['assignee', { assignee: 0 }, (m) => m.assignee === actors.translator.id],
      ['nobody assigned', { assignee: 'none' }, (m) => m.assignee === null],
      ['updated from', { from: '2026-10-05T00:00:00.000Z' }, (m) => m.updated >= '2026-10-05'],
      ['updated to', { to: '2026-10-05T00:00:00.000Z' }, (m) => m.updated < '2026-10-05'],
      ['updated between', { from: '2026-10-03T00:00:00.000Z', to: '2026-10-09T00:00:00.000Z' }, (m) => m.updated >= '2026-10-03' && m.updated < '2026-10-09'],
      [
        'published between',
        { dateField: 'published', from: '2026-10-02T00:00:00.000Z', to: '2026-10-10T00:00:00.000Z' },
        (m) => !!m.published && m.published >= '2026-10-02' && m.published < '2026-10-10',
      ],
    ])('%s narrows the list to exactly the matching stories', async (_name, q, match) => {
      // Ids of people are known only once the fixtures exist.
      const query = { ...q };
      if ('author' in query) query.author = n.olga;
      if ('authorUser' in query) query.authorUser = actors.author.id;
      if (query.assignee === 0) query.assignee = actors.translator.id;
      const expected = where(match);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(made.length);
      expect(await ids(query)).toEqual(expected);
    });

    it('search and filters combine', async () => {
      const { items } = await listArticles(deps, as('admin'), { q: `${PREFIX} grain`, locale: 'ru', limit: 100 });
      expect(items.map((i) => i.id)).toEqual(where((m) => m.locale === 'ru' && made.indexOf(m) % 5 === 0));
    });

    it('pages through everything without duplicates or gaps', async () => {
      for (const query of [{}, { locale: 'en' }, { status: 'draft' }]) {
        const seen: number[] = [];
        let before: number | undefined;
        for (let guard = 0; guard < 20; guard++) {
          const page = await listArticles(deps, as('admin'), { q: PREFIX, ...query, limit: 2, ...(before !== undefined ? { before } : {}) });
          seen.push(...page.items.map((i) => i.id));
          if (page.nextBefore === null) break;
          before = page.nextBefore;
        }
        expect(seen).toEqual(await ids(query));
      }
    });

    it('rows carry their authors and assignee', async () => {
      const { items } = await listArticles(deps, as('admin'), { q: PREFIX, assignee: actors.translator.id, limit: 100 });
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item.assignee).toEqual({ id: actors.translator.id, name: 'translator person' });
      const olga = (await listArticles(deps, as('admin'), { q: PREFIX, author: n.olga, limit: 1 })).items[0]!;
      expect(olga.authors).toEqual([{ id: n.olga, name: 'Ольга Оригинал' }]);
    });
  });

  describe('notes', () => {
    it('anyone who may edit the article writes notes; those who may read its drafts read them', async () => {
      const own = await draft(actors.author.id);
      await addNote(deps, as('author'), own, '  Check the minister’s title. ');
      await addNote(deps, as('editor'), own, 'Done, and tighten the lead.');
      const notes = await listArticleNotes(deps, as('translator'), own);
      expect(notes.map((x) => [x.text, x.user?.name])).toEqual([
        ['Check the minister’s title.', 'author person'],
        ['Done, and tighten the lead.', 'editor person'],
      ]);
    });

    it('refuses writers on stories that are not theirs, or no longer theirs to edit', async () => {
      const others = await draft(actors.editor.id);
      for (const role of ['author', 'translator', 'contributor'] as const) {
        expect((await refused(addNote(deps, as(role), others, 'Hello'))).code).toBe('FORBIDDEN');
      }
      expect((await refused(listArticleNotes(deps, as('author'), others))).code).toBe('FORBIDDEN');
      const mine = await draft(actors.author.id);
      await updateArticleRow(opened.db.kysely, mine, { status: 'published', published_at: '2026-11-19T00:00:00.000Z' });
      expect((await refused(addNote(deps, as('author'), mine, 'Too late'))).code).toBe('FORBIDDEN');
      expect(await listArticleNotes(deps, as('author'), mine)).toEqual([]);
      expect(await listArticleNotes(deps, as('editor'), others)).toEqual([]);
    });

    it('needs some text, and not too much', async () => {
      const id = await draft(actors.editor.id);
      const e = await refused(addNote(deps, as('editor'), id, '   '));
      expect([e.code, e.details?.['fields']]).toEqual(['VALIDATION_FAILED', { text: 'between 1 and 4000 characters' }]);
      expect((await refused(addNote(deps, as('editor'), id, 'x'.repeat(4001)))).code).toBe('VALIDATION_FAILED');
      expect((await refused(addNote(deps, as('editor'), 999_999, 'x'))).code).toBe('NOT_FOUND');
    });
  });

  describe('assignment', () => {
    it('editors and admins assign anyone; each change is audited with before and after', async () => {
      const id = await draft(actors.author.id);
      await assignArticle(deps, as('editor'), id, actors.contributor.id);
      await assignArticle(deps, as('admin'), id, actors.translator.id);
      await assignArticle(deps, as('admin'), id, actors.translator.id); // no change, no row
      await assignArticle(deps, as('editor'), id, null);
      expect((await getArticleRow(opened.db.kysely, id))!.assignee_user_id).toBeNull();
      const audit = (await listAudit(opened.db.kysely, { subjectType: 'article', subjectId: id })).filter((a) => a.action === 'article.assigned').reverse();
      expect(audit.map((a) => [a.actorUserId, a.details])).toEqual([
        [actors.editor.id, { from: null, to: actors.contributor.id }],
        [actors.admin.id, { from: actors.contributor.id, to: actors.translator.id }],
        [actors.editor.id, { from: actors.translator.id, to: null }],
      ]);
    });

    it('writers may not assign, not even their own stories', async () => {
      const id = await draft(actors.author.id);
      for (const role of ['author', 'translator', 'contributor'] as const) {
        expect((await refused(assignArticle(deps, as(role), id, actors[role].id))).code).toBe('FORBIDDEN');
      }
      expect((await getArticleRow(opened.db.kysely, id))!.assignee_user_id).toBeNull();
    });

    // Regression: an author assigned to someone else's draft saw it on their dashboard but was refused its desk, its
    // notes and its editor, because ownership knew only the creator and the byline.
    it('regression: the assignee works on the story as its writers do, and stops when unassigned', async () => {
      const id = await draft(actors.editor.id);
      const author = as('author');
      expect((await refused(listArticleNotes(deps, author, id))).code).toBe('FORBIDDEN');
      await assignArticle(deps, as('editor'), id, actors.author.id);
      await addNote(deps, author, id, 'On it: two sources called back.');
      expect((await listArticleNotes(deps, author, id)).map((x) => x.text)).toContain('On it: two sources called back.');
      await assignArticle(deps, as('editor'), id, null);
      expect((await refused(listArticleNotes(deps, author, id))).code).toBe('FORBIDDEN');
    });

    it('only to an active account', async () => {
      const id = await draft(actors.editor.id);
      const gone = await createUser(deps, { email: `gone-${engine}@example.org`, name: 'Gone', role: 'author', password: 'correct horse battery staple' });
      await deactivateUser(deps, actors.admin, gone.id);
      for (const userId of [gone.id, 999_999]) {
        const e = await refused(assignArticle(deps, as('editor'), id, userId));
        expect([e.code, Object.keys(e.details?.['fields'] as object)]).toEqual(['VALIDATION_FAILED', ['assigneeUserId']]);
      }
    });
  });

  describe('translations that need an update', () => {
    it('flags a translation when the source’s text changes, not its status; shows the diff; clears on "up to date"', async () => {
      const source = await draft(actors.editor.id, {
        headline: 'Grain corridor reopens',
        deck: 'Ships sail again.',
        body: doc('The first ship left at dawn.'),
      });
      const ru = await translateArticle(deps, as('translator'), source, { locale: 'ru' });
      const row = (await getArticleRow(opened.db.kysely, ru))!;
      expect([row.translated_from_id, row.translated_from_revision]).toEqual([source, 1]);

      const status = async () => (await storyTranslations(deps, as('translator'), ru)).versions.find((v): v is VersionStatus => v.readable && v.id === ru)!;
      expect(await status()).toMatchObject({ locale: 'ru', translatedFrom: { id: source, locale: 'en', revision: 1 }, needsUpdate: false, sourceDiff: null });

      // Publishing and scheduling are revisions of the source too, but change no text.
      await changeStatus(deps, as('editor'), source, 'in_review');
      await scheduleArticle(deps, as('editor'), source, '2026-12-01T06:00:00.000Z');
      expect((await status()).needsUpdate).toBe(false);

      const base = (await getArticleRow(opened.db.kysely, source))!.revision;
      await saveArticle(deps, as('editor'), source, base, {
        headline: 'Grain corridor reopens',
        deck: 'Ships sail again.',
        body: doc('The second ship left at noon.'),
        sectionId: n.politics,
      });
      const flagged = await status();
      expect(flagged.needsUpdate).toBe(true);
      expect(flagged.sourceDiff).toMatchObject({ articleId: source, from: 1, to: base + 1 });
      const body = flagged.sourceDiff!.fields.body;
      expect(body.filter((p) => p.type === 'removed').map((p) => p.text.trim())).toEqual(['first', 'dawn']);
      expect(body.filter((p) => p.type === 'added').map((p) => p.text.trim())).toEqual(['second', 'noon']);
      expect(flagged.sourceDiff!.fields.headline).toEqual([{ type: 'same', text: 'Grain corridor reopens' }]);

      // The list, the story's other versions and the dashboard say so too.
      const listed = (await listArticles(deps, as('editor'), { q: 'grain corridor', limit: 10 })).items;
      expect(listed.find((i) => i.id === source)!.translations).toEqual([{ id: ru, locale: 'ru', state: 'draft', isTranslation: true, needsUpdate: true }]);
      expect(listed.find((i) => i.id === ru)!.needsUpdate).toBe(true);
      expect((await dashboard(deps, as('editor'))).needsUpdate.map((x) => [x.id, x.source])).toContainEqual([ru, { id: source, locale: 'en' }]);

      // Others may not mark someone else's translation; its translator may.
      expect((await refused(markTranslationUpToDate(deps, as('author'), ru))).code).toBe('FORBIDDEN');
      const done = await markTranslationUpToDate(deps, as('translator'), ru);
      expect(done).toEqual({ sourceId: source, revision: base + 1 });
      expect(await status()).toMatchObject({ needsUpdate: false, sourceDiff: null, translatedFrom: { revision: base + 1 } });
      expect((await dashboard(deps, as('editor'))).needsUpdate.map((x) => x.id)).not.toContain(ru);
      const audit = (await listAudit(opened.db.kysely, { subjectType: 'article', subjectId: ru })).find((a) => a.action === 'article.translation-up-to-date');
      expect(audit).toMatchObject({ actorUserId: actors.translator.id, details: { sourceId: source, from: 1, to: base + 1 } });

      // The original is not a translation: nothing to mark.
      expect((await refused(markTranslationUpToDate(deps, as('editor'), source))).code).toBe('VALIDATION_FAILED');
    });

    it('a change of the headline or deck alone flags too', async () => {
      const source = await draft(actors.editor.id, { headline: 'Rail link opens', body: doc('Trains run.') });
      const ru = await translateArticle(deps, as('editor'), source, { locale: 'ru' });
      await saveArticle(deps, as('editor'), source, 1, { headline: 'Rail link opens', deck: 'A new deck.', body: doc('Trains run.'), sectionId: n.politics });
      const v = (await storyTranslations(deps, as('editor'), source)).versions.filter((x): x is VersionStatus => x.readable);
      expect(v.map((x) => [x.locale, x.needsUpdate])).toEqual([
        ['en', false],
        ['ru', true],
      ]);
      expect(v[1]!.sourceDiff!.fields.deck).toEqual([{ type: 'added', text: 'A new deck.' }]);
      expect(v[1]!.id).toBe(ru);
    });

    it('reading a story’s translations needs the right to read its drafts', async () => {
      const id = await draft(actors.editor.id);
      expect((await refused(storyTranslations(deps, as('author'), id))).code).toBe('FORBIDDEN');
    });

    // Regression (security review, issue 10 item 7): the author of the original read the headline of a translation
    // they are refused.
    it('lists a version its reader may not open by language and state alone', async () => {
      const mine = await draft(actors.author.id, { headline: 'Port reopens' });
      const ru = await translateArticle(deps, as('translator'), mine, { locale: 'ru' });
      await saveArticle(deps, as('translator'), ru, 1, { headline: 'Порт открыт: черновик', body: doc('Текст.'), sectionId: n.politics });
      const theirs = await storyTranslations(deps, as('author'), mine);
      expect(theirs.versions).toEqual([
        expect.objectContaining({ readable: true, id: mine, headline: 'Port reopens' }),
        { readable: false, locale: 'ru', state: 'draft' },
      ]);
      const desk = await storyTranslations(deps, as('editor'), mine);
      expect(desk.versions.map((v) => (v.readable ? v.headline : null))).toEqual(['Port reopens', 'Порт открыт: черновик']);
      // Once readers see it, it is no secret.
      await updateArticleRow(opened.db.kysely, ru, { status: 'published', published_at: '2026-11-01T00:00:00.000Z' });
      expect((await storyTranslations(deps, as('author'), mine)).versions[1]).toMatchObject({ readable: true, headline: 'Порт открыт: черновик' });
    });
  });

  describe('the dashboard', () => {
    it('shows what goes out next, what waits for review, what is mine, and the latest notes', async () => {
      deps.setNow('2026-11-21T00:00:00.000Z');
      const soon = await draft(actors.editor.id, { headline: 'Goes out soon' });
      await scheduleArticle(deps, as('editor'), soon, '2026-11-22T06:00:00.000Z');
      const review = await draft(actors.author.id, { headline: 'Waits for review' });
      await changeStatus(deps, as('author'), review, 'in_review');
      await assignArticle(deps, as('editor'), review, actors.editor.id);
      await addNote(deps, as('editor'), review, 'Looking at it now.');
      const d = await dashboard(deps, as('editor'));
      expect(d.scheduled.find((x) => x.id === soon)).toMatchObject({ state: 'scheduled', publishAt: '2026-11-22T06:00:00.000Z' });
      expect(d.inReview.map((x) => x.id)).toContain(review);
      expect(d.assignedToMe.map((x) => x.id)).toContain(review);
      expect(d.recentNotes[0]).toMatchObject({ articleId: review, text: 'Looking at it now.', headline: 'Waits for review', user: { name: 'editor person' } });

      // A writer sees their own work only.
      const mine = await dashboard(deps, as('author'));
      expect(mine.inReview.map((x) => x.id)).toContain(review);
      expect(mine.scheduled.map((x) => x.id)).not.toContain(soon);
      expect(mine.recentNotes.map((x) => x.articleId)).toContain(review);
      const contributor = await dashboard(deps, as('contributor'));
      expect([contributor.inReview, contributor.scheduled, contributor.recentNotes]).toEqual([[], [], []]);
      deps.setNow(NOW);
    });
  });
});
