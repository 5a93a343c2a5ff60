import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../content/principal.js';
import { listSectionRecords, updateSectionRow } from '../db/sections-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import type { Deps } from './deps.js';
import { createSection, mergeSection, updateSection } from './sections.js';

const editor: Principal = { actor: { id: -1, role: 'editor', active: true }, userId: null, apiKeyId: null };
const locales = ['en', 'ru', 'kk'];
const names = (en: string) => ({ en, ru: en, kk: en });

forEachEngine('Section tree service on %s', (engine) => {
  let opened: OpenedDb;
  let deps: Deps;
  const parentOf = async (slug: string) => (await listSectionRecords(opened.db.kysely, { slug }))[0]?.parentId;
  /** The same deps, but `before` runs (and commits) as the next transaction is opened: another editor's change landing between a read and a write. */
  const racing = (before: () => Promise<void>): Deps => {
    const k = deps.db.kysely;
    const kysely = new Proxy(k, {
      get(target, prop) {
        if (prop !== 'transaction') {
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        }
        return () => ({
          execute: async <T>(fn: Parameters<ReturnType<typeof k.transaction>['execute']>[0]) =>
            (await before(), target.transaction().execute(fn)) as Promise<T>,
        });
      },
    });
    return { ...deps, db: { ...deps.db, kysely } };
  };

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    await newsroom(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  // mergeSection moved the merged section's sub-sections to the parent it had read before its transaction.
  it('a merge moves the sub-sections to the parent the section has when the merge is written', async () => {
    const north = await createSection(deps, editor, locales, { slug: 'north', names: names('North') });
    const south = await createSection(deps, editor, locales, { slug: 'south', names: names('South') });
    const desk = await createSection(deps, editor, locales, { slug: 'desk', names: names('Desk'), parentId: north.id });
    await createSection(deps, editor, locales, { slug: 'beat', names: names('Beat'), parentId: desk.id });
    const moved = racing(() => updateSectionRow(opened.db.kysely, desk.id, { parentId: south.id }));
    const r = await mergeSection(moved, editor, locales, 'desk', 'north');
    expect(r.subsections).toHaveLength(1);
    expect(await parentOf('beat')).toBe(south.id);
  });

  // A re-parented section kept its old position, which could fall anywhere among its new siblings.
  it('a section moved under another parent without a position goes last among its new siblings', async () => {
    const home = await createSection(deps, editor, locales, { slug: 'home', names: names('Home') });
    const first = await createSection(deps, editor, locales, { slug: 'first', names: names('First'), parentId: home.id });
    await createSection(deps, editor, locales, { slug: 'second', names: names('Second'), parentId: home.id });
    const early = await createSection(deps, editor, locales, { slug: 'early', names: names('Early'), position: 0 });
    await updateSection(deps, editor, locales, 'early', { parentId: home.id });
    const under = (await listSectionRecords(opened.db.kysely)).filter((s) => s.parentId === home.id).map((s) => s.slug);
    expect(under).toEqual(['first', 'second', 'early']);
    // An explicit position is kept.
    await updateSection(deps, editor, locales, 'early', { parentId: null, position: 0 });
    await updateSection(deps, editor, locales, 'early', { parentId: home.id, position: first.position - 1 });
    expect((await listSectionRecords(opened.db.kysely)).filter((s) => s.parentId === home.id).map((s) => s.slug)[0]).toBe('early');
    expect(early.position).toBe(0);
  });
});
