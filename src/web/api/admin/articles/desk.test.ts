import { expect, it } from 'vitest';
import { listAudit } from '../../../../db/audit-repo.js';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';

const BASE = '/api/admin/v1/articles';

describeApi('Admin API desk (notes, assignee, translations, list filters): %s', ({ site: s, newsroom: n, keys, call }) => {
  const fields = (over: ApiJson = {}) => ({
    headline: 'Grain corridor reopens',
    deck: 'Ships sail again.',
    body: doc('The first ship left at dawn.'),
    sectionId: n.politics,
    bylines: [{ contributorId: n.alice, role: 'author' }],
    ...over,
  });
  const create = async (over: ApiJson = {}) => expectJson(await call(keys.editor, 'POST', BASE, { locale: 'en', ...fields(over) }), 201);

  it('notes: add and list; refused to those who may not edit, named field on bad input', async () => {
    const a = await create();
    const added = await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/notes`, { text: 'Tighten the lead.' }), 201);
    expect(added.note).toMatchObject({ articleId: a.id, text: 'Tighten the lead.', user: null });
    const listed = await expectJson(await call(keys.translator, 'GET', `${BASE}/${a.id}/notes`));
    expect(listed.items.map((x: ApiJson) => x.text)).toEqual(['Tighten the lead.']);

    // An API key owns nothing: a writer's key may not note on a story.
    await expectProblem(await call(keys.author, 'POST', `${BASE}/${a.id}/notes`, { text: 'Hi' }), 403, 'FORBIDDEN');
    await expectProblem(await call(keys.contributor, 'GET', `${BASE}/${a.id}/notes`), 403, 'FORBIDDEN');
    const bad = await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/notes`, { text: '', extra: 1 }), 422, 'VALIDATION_FAILED');
    expect(bad.errors.map((e: ApiJson) => e.field).sort()).toEqual(['extra', 'text']);
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/999999/notes`, { text: 'x' }), 404, 'NOT_FOUND');
    await expectProblem(await call(null, 'GET', `${BASE}/${a.id}/notes`), 401, 'UNAUTHENTICATED');
  });

  it('assignee: editors set and clear it (audited with the key); others are refused', async () => {
    const a = await create();
    const set = await expectJson(await call(keys.editor, 'PUT', `${BASE}/${a.id}/assignee`, { assigneeUserId: s.users.author.id }));
    expect(set).toEqual({ articleId: a.id, assignee: { id: s.users.author.id, name: 'Author Person' } });
    const listed = await expectJson(await call(keys.editor, 'GET', `${BASE}?assignee=${s.users.author.id}`));
    expect(listed.items.map((x: ApiJson) => [x.id, x.assignee])).toEqual([[a.id, { id: s.users.author.id, name: 'Author Person' }]]);
    expect(await expectJson(await call(keys.admin, 'PUT', `${BASE}/${a.id}/assignee`, { assigneeUserId: null }))).toEqual({ articleId: a.id, assignee: null });
    const audit = (await listAudit(s.db.kysely, { subjectType: 'article', subjectId: a.id })).filter((x) => x.action === 'article.assigned');
    expect(audit.map((x) => x.details['to'])).toEqual([null, s.users.author.id]);
    expect(typeof audit[0]!.details['apiKeyId']).toBe('number');

    for (const role of ['author', 'translator', 'contributor'] as const) {
      await expectProblem(await call(keys[role], 'PUT', `${BASE}/${a.id}/assignee`, { assigneeUserId: s.users.author.id }), 403, 'FORBIDDEN');
    }
    const bad = await expectProblem(await call(keys.editor, 'PUT', `${BASE}/${a.id}/assignee`, { assigneeUserId: 'me' }), 422, 'VALIDATION_FAILED');
    expect(bad.errors.map((e: ApiJson) => e.field)).toEqual(['assigneeUserId']);
    const missing = await expectProblem(await call(keys.editor, 'PUT', `${BASE}/${a.id}/assignee`, { assigneeUserId: 999999 }), 422, 'VALIDATION_FAILED');
    expect(missing.errors.map((e: ApiJson) => e.field)).toEqual(['assigneeUserId']);
  });

  it('translations: the story’s versions with "needs update" and the source’s diff; up-to-date clears it', async () => {
    const a = await create({ headline: 'Rail link opens' });
    const ru = await expectJson(await call(keys.translator, 'POST', `${BASE}/${a.id}/translations`, { locale: 'ru' }), 201);
    const before = await expectJson(await call(keys.translator, 'GET', `${BASE}/${ru.id}/translations`));
    expect(before.versions.map((v: ApiJson) => [v.locale, v.needsUpdate, v.translatedFrom?.id ?? null])).toEqual([
      ['en', false, null],
      ['ru', false, a.id],
    ]);

    // Publishing the source changes no text: not flagged.
    await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/status`, { status: 'published' }));
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/translations`))).versions[1].needsUpdate).toBe(false);

    await expectJson(await call(keys.editor, 'PUT', `${BASE}/${a.id}`, { ...fields({ headline: 'Rail link opens at last' }), baseRevision: 2 }));
    const after = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/translations`));
    const v = after.versions.find((x: ApiJson) => x.id === ru.id);
    expect(v).toMatchObject({ needsUpdate: true, translatedFrom: { id: a.id, locale: 'en', revision: 1 }, sourceRevision: 3 });
    expect(v.sourceDiff.fields.headline).toEqual([
      { type: 'same', text: 'Rail link opens ' },
      { type: 'added', text: 'at last' },
    ]);
    const row = (await expectJson(await call(keys.editor, 'GET', `${BASE}?q=rail+link`))).items.find((x: ApiJson) => x.id === a.id);
    expect(row.translations).toEqual([{ id: ru.id, locale: 'ru', state: 'draft', needsUpdate: true }]);

    // A translator's key owns nothing, so it may not mark; an editor's may.
    await expectProblem(await call(keys.translator, 'POST', `${BASE}/${ru.id}/translation/up-to-date`), 403, 'FORBIDDEN');
    expect(await expectJson(await call(keys.editor, 'POST', `${BASE}/${ru.id}/translation/up-to-date`))).toEqual({
      articleId: ru.id,
      translatedFrom: { id: a.id, revision: 3 },
    });
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}/${ru.id}/translations`))).versions[1]).toMatchObject({
      needsUpdate: false,
      sourceDiff: null,
    });
    const notTranslation = await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/translation/up-to-date`), 422, 'VALIDATION_FAILED');
    expect(notTranslation.errors.map((e: ApiJson) => e.field)).toEqual(['translatedFromId']);
    await expectProblem(await call(keys.contributor, 'GET', `${BASE}/${ru.id}/translations`), 403, 'FORBIDDEN');
  });

  it('list filters: author, date range, assignee "none"; bad values named', async () => {
    const olga = await create({ headline: 'Olga writes', bylines: [{ contributorId: n.olga, role: 'author' }] });
    const byAuthor = await expectJson(await call(keys.editor, 'GET', `${BASE}?author=${n.olga}`));
    expect(byAuthor.items.map((x: ApiJson) => x.id)).toEqual([olga.id]);
    expect(byAuthor.items[0].authors).toEqual([{ id: n.olga, name: 'Ольга Оригинал' }]);
    // Everything was saved on the test clock's day; "to" a day includes all of it.
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}?from=2026-11-21`))).items).toEqual([]);
    const sameDay = await expectJson(await call(keys.editor, 'GET', `${BASE}?from=2026-11-20&to=2026-11-20&author=${n.olga}`));
    expect(sameDay.items.map((x: ApiJson) => x.id)).toEqual([olga.id]);
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}?dateField=published&author=${n.olga}`))).items).toHaveLength(1);
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}?dateField=published&from=2026-01-01&author=${n.olga}`))).items).toEqual([]);
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}?assignee=none&author=${n.olga}`))).items).toHaveLength(1);
    const bad = await expectProblem(await call(keys.editor, 'GET', `${BASE}?from=yesterday&dateField=created&assignee=x`), 422, 'VALIDATION_FAILED');
    expect(bad.errors.map((e: ApiJson) => e.field).sort()).toEqual(['assignee', 'dateField', 'from']);
  });

  it('works with an admin session and its CSRF header, and refuses a write without it', async () => {
    const a = await create();
    const agent = s.agent();
    await agent.login(s.users.editor.email);
    const token = await agent.csrfFrom('/admin');
    const path = `/admin/api/v1/articles/${a.id}/notes`;
    const refused = await agent.request(path, { method: 'POST', body: JSON.stringify({ text: 'x' }), headers: { 'content-type': 'application/json' } });
    await expectProblem(refused, 403, 'CSRF_FAILED');
    const res = await agent.request(path, {
      method: 'POST',
      body: JSON.stringify({ text: 'From the browser' }),
      headers: { 'content-type': 'application/json', 'X-CSRF-Token': token },
    });
    expect((await expectJson(res, 201)).note.user).toEqual({ id: s.users.editor.id, name: 'Editor Person' });
  });
});
