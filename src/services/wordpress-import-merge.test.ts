import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { wxr } from '#test/wxr.js';
import { importWordPress } from './wordpress-import.js';
import { createUser } from './create-user.js';
import { mergeContributor } from './contributors.js';
import { mergeSection } from './sections.js';

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

forEachEngine('WordPress import after a merge in the admin: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  const editor = { actor: { id: 1, role: 'admin' as const, active: true }, userId: 1, apiKeyId: null };
  const run = (text: string) => importWordPress(deps, chunks(text), { locale: 'ru', locales: ['en', 'ru'] });
  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    await newsroom(opened.db);
    const u = await createUser(deps, { email: 'ed@example.org', name: 'Ed', role: 'admin' });
    editor.actor.id = editor.userId = u.id;
  });
  afterAll(async () => opened?.cleanup());
  it('regression: a re-run after merging the imported author and section makes neither again (they were imported beside the survivors)', async () => {
    await run(wxr());
    const k = opened.db.kysely;
    const slugs = async (t: 'contributors' | 'sections') => (await k.selectFrom(t).select('slug').orderBy('slug').execute()).map((r) => r.slug);
    await mergeContributor(deps, editor, ['en', 'ru'], 'ngrishina', 'alice-reporter');
    await mergeSection(deps, editor, ['en', 'ru'], 'world', 'politics');
    const before = [await slugs('contributors'), await slugs('sections')];
    const again = await run(wxr());
    expect([again.counts.author.imported, again.counts.category.imported]).toEqual([0, 0]);
    expect([await slugs('contributors'), await slugs('sections')]).toEqual(before);
  });
});
