import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import type { Agent } from '#test/admin.js';
import { userPrincipal } from '../../content/principal.js';
import { getArticleRow } from '../../db/articles-repo.js';
import { createArticle } from '../../services/article-store.js';
import { savePendingChanges } from '../../services/pending-changes.js';

describeApi('admin "Compare with live" page: %s', ({ site: s, newsroom: n }) => {
  let editor: Agent;
  let live: number;
  let liveRevision: number;

  beforeAll(async () => {
    const fields = { headline: 'Harbour reopens', deck: 'After the storm.', body: doc('The first ship left at dawn.'), sectionId: n.politics };
    live = await createArticle(s.deps, { locale: 'en', ...fields, status: 'published' }, s.users.editor.id);
    liveRevision = (await getArticleRow(s.db.kysely, live))!.revision;
    const who = userPrincipal({ id: s.users.editor.id, role: 'editor', active: true });
    await savePendingChanges(s.deps, who, live, liveRevision, { ...fields, headline: 'Harbour reopens early', body: doc('Two ships left at dawn.') });
    editor = s.agent();
    await editor.login(s.users.editor.email);
  });

  it('shows the word diff of the live version and the pending changes without JavaScript, linked from the editor', async () => {
    const res = await editor.get(`/admin/articles/${live}/compare`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Harbour reopens <ins>early</ins>');
    expect(html).toContain('<del>The first ship</del>');
    expect(html).toContain(`revision ${liveRevision}, what readers see`);
    expect(html).toContain(`href="/admin/articles/${live}/preview?revision=${liveRevision + 1}"`);
    expect(html).not.toContain('<script');
    const edit = await (await editor.get(`/admin/articles/${live}/edit`)).text();
    expect(edit).toContain(`href="/admin/articles/${live}/compare"`);
  });

  it('says so when nothing is pending; needs a session; 404 for no such article', async () => {
    const draft = await createArticle(
      s.deps,
      { locale: 'en', headline: 'Draft', body: doc('Text.'), sectionId: n.politics, status: 'draft' },
      s.users.editor.id,
    );
    expect(await (await editor.get(`/admin/articles/${draft}/compare`)).text()).toContain('No pending changes wait');
    const anonymous = await s.agent().get(`/admin/articles/${live}/compare`);
    expect(anonymous.status).toBe(303);
    expect((await editor.get('/admin/articles/999999/compare')).status).toBe(404);
  });
});
