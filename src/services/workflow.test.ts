import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../content/policy.js';
import { ROLES, type Role } from '../content/types.js';
import { getArticleRow, updateArticleRow } from '../db/articles-repo.js';
import { listAudit } from '../db/audit-repo.js';
import { AppError } from '../errors.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { createArticle } from './article-store.js';
import { userPrincipal } from '../content/principal.js';
import { TRANSITIONS, WORKFLOW_STATES, type WorkflowState } from '../content/workflow.js';
import { changeStatus, scheduleArticle } from './workflow.js';
import { createUser } from './create-user.js';

const NOW = '2026-11-20T12:00:00.000Z';
const PAST = '2026-11-10T09:00:00.000Z';
const FUTURE = '2026-12-01T09:00:00.000Z';

/**
 * Who may make each move, written out by hand (not computed from the policy): the desk (admin, editor) makes every
 * move; writers (author, translator, contributor) only submit their own drafts for review.
 */
const DESK: Role[] = ['admin', 'editor'];
const expected = (what: string, owner: boolean): Role[] => (what === 'submit for review' && owner ? [...ROLES] : DESK);

forEachEngine('workflow: %s', (engine) => {
  let opened: OpenedDb;
  let n: Newsroom;
  let deps: ReturnType<typeof testDeps>;
  const actors = {} as Record<Role, Actor>;

  beforeAll(async () => {
    opened = await openDb(engine);
    n = await newsroom(opened.db);
    deps = testDeps(opened.db, NOW);
    for (const role of ROLES) {
      const u = await createUser(deps, { email: `${role}@example.org`, name: role, role, password: 'correct horse battery staple' });
      actors[role] = { id: u.id, role, active: true };
    }
  });
  afterAll(async () => opened?.cleanup());

  /** An article in `state`, created (so owned) by `ownerId`. */
  async function articleIn(state: WorkflowState, ownerId: number | null): Promise<number> {
    const id = await createArticle(deps, { locale: 'en', headline: `Story in ${state}`, body: doc('Text.'), sectionId: n.politics, status: 'draft' }, ownerId);
    const set = {
      draft: { status: 'draft', published_at: null },
      in_review: { status: 'in_review', published_at: null },
      scheduled: { status: 'published', published_at: FUTURE },
      published: { status: 'published', published_at: PAST },
      unpublished: { status: 'unpublished', published_at: PAST },
      archived: { status: 'archived', published_at: PAST },
    }[state];
    await updateArticleRow(opened.db.kysely, id, set);
    return id;
  }

  const move = (actor: Actor, id: number, to: WorkflowState) =>
    to === 'scheduled' ? scheduleArticle(deps, userPrincipal(actor), id, '2026-12-24T08:00:00.000Z') : changeStatus(deps, userPrincipal(actor), id, to);

  const cases = TRANSITIONS.flatMap((t) => ROLES.flatMap((role) => [true, false].map((owner) => ({ ...t, role, owner }))));

  it.each(cases)('$from -> $to ($what) by $role, owner: $owner', async ({ from, to, what, role, owner }) => {
    const actor = actors[role];
    const id = await articleIn(from, owner ? actor.id : null);
    const before = await getArticleRow(opened.db.kysely, id);
    const allowed = expected(what, owner).includes(role);
    if (allowed) {
      const r = await move(actor, id, to);
      expect(r).toMatchObject({ from, to });
      const after = (await getArticleRow(opened.db.kysely, id))!;
      expect(after.revision).toBe(before!.revision + 1);
      const [audit] = await listAudit(opened.db.kysely, { subjectType: 'article', subjectId: id });
      expect(audit).toMatchObject({ action: 'article.status', actorUserId: actor.id, details: { from, to } });
    } else {
      const e = await move(actor, id, to).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('FORBIDDEN');
      expect(await getArticleRow(opened.db.kysely, id)).toEqual(before);
      expect(await listAudit(opened.db.kysely, { subjectType: 'article', subjectId: id })).toEqual([]);
    }
  });

  const invalid = WORKFLOW_STATES.flatMap((from) =>
    WORKFLOW_STATES.filter((to) => !TRANSITIONS.some((t) => t.from === from && t.to === to)).map((to) => ({ from, to })),
  );

  it.each(invalid)('refuses $from -> $to for everyone, the admin included', async ({ from, to }) => {
    const id = await articleIn(from, actors.admin.id);
    const before = await getArticleRow(opened.db.kysely, id);
    const e = (await move(actors.admin, id, to).catch((x: unknown) => x)) as AppError;
    expect(e.code).toBe('INVALID_TRANSITION');
    expect(e.status).toBe(422);
    expect(await getArticleRow(opened.db.kysely, id)).toEqual(before);
  });

  it('publishing sets the date once; republishing keeps it (the address does not move)', async () => {
    const id = await articleIn('draft', null);
    const p = await changeStatus(deps, userPrincipal(actors.editor), id, 'published');
    expect(p.publishedAt).toBe(NOW);
    await changeStatus(deps, userPrincipal(actors.editor), id, 'unpublished');
    deps.setNow('2027-02-01T00:00:00.000Z');
    try {
      expect((await changeStatus(deps, userPrincipal(actors.editor), id, 'published')).publishedAt).toBe(NOW);
      const e = (await changeStatus(deps, userPrincipal(actors.editor), id, 'unpublished')
        .then(() => changeStatus(deps, userPrincipal(actors.editor), id, 'published', { publishedAt: PAST }))
        .catch((x: unknown) => x)) as AppError;
      expect(e.code).toBe('VALIDATION_FAILED');
    } finally {
      deps.setNow(NOW);
    }
  });

  it('a schedule is stored as published with a future date; cancelling it clears the date', async () => {
    const id = await articleIn('in_review', null);
    await scheduleArticle(deps, userPrincipal(actors.editor), id, FUTURE);
    expect(await getArticleRow(opened.db.kysely, id)).toMatchObject({ status: 'published', published_at: FUTURE, scheduled_at: FUTURE });
    const past = (await scheduleArticle(deps, userPrincipal(actors.editor), id, PAST).catch((x: unknown) => x)) as AppError;
    expect(past.code).toBe('VALIDATION_FAILED');
    await changeStatus(deps, userPrincipal(actors.editor), id, 'draft');
    expect(await getArticleRow(opened.db.kysely, id)).toMatchObject({ status: 'draft', published_at: null, scheduled_at: null });
  });

  it('an API key acts with its role but owns nothing', async () => {
    const id = await articleIn('draft', null);
    const key = { actor: { id: -1, role: 'author' as const, active: true }, userId: null, apiKeyId: 1 };
    expect(((await changeStatus(deps, key, id, 'in_review').catch((x: unknown) => x)) as AppError).code).toBe('FORBIDDEN');
    const editorKey = { actor: { id: -2, role: 'editor' as const, active: true }, userId: null, apiKeyId: 2 };
    await changeStatus(deps, editorKey, id, 'published');
    const [audit] = await listAudit(opened.db.kysely, { subjectType: 'article', subjectId: id });
    expect(audit).toMatchObject({ actorUserId: null, details: { apiKeyId: 2, from: 'draft', to: 'published' } });
  });
});
