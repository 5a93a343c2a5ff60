import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTIONS, accessFilter, can, matches, readFilter, type Actor, type ArticleAction, type ArticleFilter } from '../content/policy.js';
import { ROLES } from '../content/types.js';
import { createArticle } from './article-store.js';
import { createUser } from './create-user.js';
import { sql } from 'kysely';
import { correctArticle, createDraft, mayReadArticle, translateArticle } from './articles.js';
import { restoreRevision } from './revisions.js';
import { upsertContributor } from '../db/taxonomy-repo.js';
import { setAssignee } from '../db/desk-repo.js';
import { listAdminArticles } from '../db/admin-articles-repo.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow } from '../db/articles-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps } from '#test/fixtures.js';

const ARTICLE_ACTIONS = ACTIONS.filter((a): a is ArticleAction => a.startsWith('article.'));

/**
 * The policy's filters are read two ways: `matches` on one article (the check behind a GET or a save) and
 * `articleFilter` as SQL (the lists). For every role and every article action, the list must hold exactly the
 * articles the check allows, so a list never shows what its items would refuse, nor hides what they would allow.
 */
forEachEngine('the list and the check agree: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  const actors: Actor[] = [];
  let ids: number[] = [];

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    const n = await newsroom(opened.db);
    const k = opened.db.kysely;
    const now = deps.clock().toISOString();
    const base = { locale: 'en', body: doc('Text.'), sectionId: n.politics };
    const make = async (headline: string, extra: Record<string, unknown> = {}, userId: number | null = null) =>
      ids.push(await createArticle(deps, { ...base, headline, status: 'draft', ...extra }, userId));
    for (const role of ROLES) {
      const u = await createUser(deps, { email: `${role}@example.org`, name: role, role });
      actors.push({ id: u.id, role, active: true });
      const profile = await upsertContributor(k, { slug: `${role}-writer`, name: `${role} writer`, bio: null }, now);
      await k.updateTable('contributors').set({ user_id: u.id }).where('id', '=', profile).execute();
      await make(`created by ${role}`, {}, u.id);
      await make(`bylined ${role}`, { status: 'in_review', bylines: [{ contributorId: profile, role: 'author' }] });
      await make(`${role}'s published`, { status: 'published', publishedAt: '2026-01-01T00:00:00.000Z' }, u.id);
      await make(`assigned to ${role}`);
      await setAssignee(k, ids.at(-1)!, u.id);
    }
    await make("nobody's draft");
    await make('in review', { status: 'in_review' });
    await make('published', { status: 'published', publishedAt: '2026-01-01T00:00:00.000Z' });
    await make('embargoed', { status: 'published', publishedAt: '2027-01-01T00:00:00.000Z' });
    await make('unpublished', { status: 'unpublished', publishedAt: '2026-01-01T00:00:00.000Z' });
    await make('archived', { status: 'archived', publishedAt: '2026-01-01T00:00:00.000Z' });
    // An API key acts with a role and owns nothing (its actor id is negative).
    actors.push({ id: -1, role: 'author', active: true }, { id: -2, role: 'translator', active: true });
    actors.push({ id: actors[0]!.id, role: 'admin', active: false });
    ids = ids.sort((a, b) => b - a);
  });
  afterAll(async () => opened?.cleanup());

  const listed = async (filter: ArticleFilter) =>
    (await listAdminArticles(opened.db.kysely, { limit: 1000, access: { filter, now: deps.clock().toISOString() } })).map((r) => r.id);
  const resourceOf = async (id: number) => articleResource(opened.db.kysely, (await getArticleRow(opened.db.kysely, id))!);

  it('reading: the list shows exactly the articles the article GET lets each role read', async () => {
    for (const actor of actors) {
      const who = { actor, userId: actor.id > 0 ? actor.id : null, apiKeyId: actor.id > 0 ? null : -actor.id };
      const allowed: number[] = [];
      for (const id of ids) {
        const r = await resourceOf(id);
        const byCheck = await mayReadArticle(deps, who, { id, status: r.status, publishedAt: r.publishedAt });
        expect(byCheck, `${actor.role} ${actor.id} article ${id}`).toBe(matches(readFilter(actor), r, deps.clock().toISOString()));
        if (byCheck) allowed.push(id);
      }
      expect(await listed(readFilter(actor)), `${actor.role} ${actor.id}`).toEqual(allowed);
    }
  });

  it('every article action: the filter as SQL admits exactly the articles `can` allows', async () => {
    const resources = new Map(await Promise.all(ids.map(async (id) => [id, await resourceOf(id)] as const)));
    for (const actor of actors) {
      for (const action of ARTICLE_ACTIONS) {
        const allowed = ids.filter((id) => can(actor, action, resources.get(id)!));
        expect(await listed(accessFilter(actor, action)), `${actor.role} ${actor.id} ${action}`).toEqual(allowed);
      }
    }
  });

  it('ownership includes the assignee in the list as in the check', async () => {
    const author = actors.find((a) => a.role === 'author')!;
    const assigned = (await opened.db.kysely.selectFrom('articles').select('id').where('assignee_user_id', '=', author.id).execute()).map((r) => r.id);
    expect(assigned).toHaveLength(1);
    expect(await listed(readFilter(author))).toContain(assigned[0]);
  });
});

/**
 * An audit row is written in the transaction of the change it records: when writing it fails, the change is not
 * stored either (createDraft once wrote its audit row after the draft had committed).
 */
forEachEngine('audit rows commit with their change: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let sectionId: number;
  const editor = { actor: { id: 1, role: 'editor' as const, active: true }, userId: 1, apiKeyId: null };

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    sectionId = (await newsroom(opened.db)).politics;
    const u = await createUser(deps, { email: 'editor@example.org', name: 'Editor', role: 'editor' });
    editor.actor.id = editor.userId = u.id;
  });
  afterAll(async () => opened?.cleanup());

  const count = async (table: 'articles' | 'corrections') =>
    Number(
      (
        await opened.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Runs `write` while the audit log cannot be written (its table renamed away). */
  async function withoutAuditLog(write: () => Promise<unknown>) {
    await sql`alter table audit_log rename to audit_log_away`.execute(opened.db.kysely);
    try {
      await expect(write()).rejects.toThrow();
    } finally {
      await sql`alter table audit_log_away rename to audit_log`.execute(opened.db.kysely);
    }
  }

  it("regression: createDraft's audit row is rolled back with its draft, and the draft with it", async () => {
    const before = await count('articles');
    await withoutAuditLog(() => createDraft(deps, editor, { locale: 'en', headline: 'Never stored', body: doc('x'), sectionId }));
    expect(await count('articles')).toBe(before);
    const id = await createDraft(deps, editor, { locale: 'en', headline: 'Stored', body: doc('x'), sectionId });
    const audit = await opened.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'article.created').where('subject_id', '=', id).execute();
    expect(audit).toHaveLength(1);
  });

  it('a correction, a translation and a restore are not stored when their audit row cannot be', async () => {
    const id = await createArticle(
      deps,
      { locale: 'en', headline: 'Out', body: doc('x'), sectionId, status: 'published', publishedAt: '2026-01-01T00:00:00.000Z' },
      editor.userId,
    );
    const corrections = await count('corrections');
    await withoutAuditLog(() => correctArticle(deps, editor, id, 'The date was wrong.'));
    expect(await count('corrections')).toBe(corrections);
    const articles = await count('articles');
    await withoutAuditLog(() => translateArticle(deps, editor, id, { locale: 'ru' }));
    expect(await count('articles')).toBe(articles);
    const revision = (await getArticleRow(opened.db.kysely, id))!.revision;
    await withoutAuditLog(() => restoreRevision(deps, editor, id, 1, revision));
    expect((await getArticleRow(opened.db.kysely, id))!.revision).toBe(revision);
  });
});
