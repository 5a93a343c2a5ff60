import { afterAll, beforeAll, expect, it } from 'vitest';
import { listSectionRecords, updateSectionRow } from '../db/sections-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { wxr } from '#test/wxr.js';
import { sql } from 'kysely';
import { importWordPress, type ImportReport } from './wordpress-import.js';

async function* chunks(text: string, size = 4096): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const category = (id: number, slug: string, parent: string) =>
  `\t<wp:category><wp:term_id>${id}</wp:term_id><wp:category_nicename><![CDATA[${slug}]]></wp:category_nicename><wp:category_parent><![CDATA[${parent}]]></wp:category_parent><wp:cat_name><![CDATA[${slug}]]></wp:cat_name></wp:category>\n`;

// The fixture's own categories: world, and азия under it. Then: a sub-category of азия; almaty before its parent
// regions (a file WordPress did not write, or one edited by hand); a chain seven levels deep.
const deep = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7'];
const full =
  category(10, 'kazakhstan', '%d0%b0%d0%b7%d0%b8%d1%8f') +
  category(11, 'almaty', 'regions') +
  category(12, 'regions', '') +
  deep.map((slug, i) => category(20 + i, slug, i ? deep[i - 1]! : '')).join('');

forEachEngine('WordPress categories as a section tree on %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  const run = (channelExtra: string) => importWordPress(deps, chunks(wxr({ channelExtra, items: '' })), { locale: 'ru', locales: ['en', 'ru'] });
  /** Each section's parent, by slug (null: top level). */
  const parents = async () => {
    const all = await listSectionRecords(opened.db.kysely);
    return Object.fromEntries(all.map((s) => [s.slug, all.find((p) => p.id === s.parentId)?.slug ?? null]));
  };
  const reason = (r: ImportReport, id: string) => r.notes.find((n) => n.kind === 'category' && n.id === id)?.reason;

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    await newsroom(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  it('a run killed before a parent came: the child stays top-level, and the next run puts it under the parent it makes', async () => {
    const first = await run(category(11, 'almaty', 'regions'));
    expect(reason(first, 'almaty')).toBe('a sub-category of "regions": its parent is not in the file: left a top-level section');
    expect((await parents())['almaty']).toBeNull();
    const second = await run(full);
    expect(second.counts.category).toMatchObject({ imported: 9, unchanged: 3 });
    expect(await parents()).toMatchObject({ world: null, aziya: 'world', kazakhstan: 'aziya', regions: null, almaty: 'regions' });
    expect(reason(second, '%d0%b0%d0%b7%d0%b8%d1%8f')).toBeUndefined();
    expect(reason(second, 'kazakhstan')).toBe('a sub-category of "азия": placed under its parent\'s section');
    // The earlier run's almaty, unchanged, is listed as it moves under regions.
    expect(second.notes.find((n) => n.id === 'almaty')).toMatchObject({
      outcome: 'unchanged',
      reason: 'a sub-category of "regions": placed under its parent\'s section, read after it',
    });
  });

  it('keeps a tree deeper than five levels within five, saying so', async () => {
    const p = await parents();
    expect([p['l1'], p['l2'], p['l3'], p['l4'], p['l5']]).toEqual([null, 'l1', 'l2', 'l3', 'l4']);
    // l6 and l7 cannot be the sixth and seventh levels: each goes under the deepest section of its chain that keeps it
    // at the fifth (l7's parent l6 is itself at the fifth, under l4).
    expect([p['l6'], p['l7']]).toEqual(['l4', 'l4']);
    const all = await listSectionRecords(opened.db.kysely);
    const depth = (slug: string): number => {
      const s = all.find((x) => x.slug === slug)!;
      return s.parentId === null ? 1 : 1 + depth(all.find((x) => x.id === s.parentId)!.slug);
    };
    expect(Math.max(...deep.map(depth))).toBe(5);
  });

  it('a re-run changes nothing, and leaves an editor’s later moves in the tree alone', async () => {
    const before = await parents();
    const again = await run(full);
    expect(again.counts.category).toMatchObject({ imported: 0, unchanged: 12 });
    expect(await parents()).toEqual(before);
    // What an editor's move in the admin writes (services/sections.ts updateSection, without its audit row's user).
    const id = (slug: string) => listSectionRecords(opened.db.kysely, { slug }).then((r) => r[0]!.id);
    await updateSectionRow(opened.db.kysely, await id('kazakhstan'), { parentId: null });
    await updateSectionRow(opened.db.kysely, await id('almaty'), { parentId: await id('world') });
    await run(full);
    expect(await parents()).toMatchObject({ kazakhstan: null, almaty: 'world', aziya: 'world' });
  });

  // The report compared the parent's section (null: refused) with where the child went (null: top level), and said
  // "placed under its parent's section" of a top-level one.
  it('a sub-category whose parent the database refused: reported as top-level, for that reason', async () => {
    const k = opened.db.kysely;
    if (engine === 'sqlite') {
      await sql`create trigger refuse_boom_section before insert on sections when new.slug = 'boom' begin select raise(abort, 'forced refusal'); end`.execute(
        k,
      );
    } else {
      await sql`create function refuse_boom_section() returns trigger language plpgsql as $$ begin if new.slug = 'boom' then raise exception 'forced refusal' using errcode = 'check_violation'; end if; return new; end $$`.execute(
        k,
      );
      await sql`create trigger refuse_boom_section before insert on sections for each row execute function refuse_boom_section()`.execute(k);
    }
    try {
      // fuse is read after its refused parent; spark before it (waiting for it, which never comes).
      const r = await run(category(40, 'spark', 'boom') + category(41, 'boom', '') + category(42, 'fuse', 'boom'));
      expect(r.notes.find((n) => n.id === 'boom')).toMatchObject({ outcome: 'failed' });
      expect(reason(r, 'fuse')).toBe('a sub-category of "boom": its parent was refused by the database: imported as a top-level section');
      expect(reason(r, 'spark')).toBe('a sub-category of "boom": its parent was refused by the database: left a top-level section');
      expect(await parents()).toMatchObject({ fuse: null, spark: null });
    } finally {
      if (engine === 'sqlite') await sql`drop trigger refuse_boom_section`.execute(k);
      else {
        await sql`drop trigger refuse_boom_section on sections`.execute(k);
        await sql`drop function refuse_boom_section()`.execute(k);
      }
    }
  });

  // A child read before its parent was moved under it without a word: the report still said it waited.
  it('a child read before its parent: the report says when it goes under it', async () => {
    const r = await run(category(50, 'pup', 'dog') + category(51, 'dog', ''));
    expect(await parents()).toMatchObject({ pup: 'dog' });
    expect(reason(r, 'pup')).toBe('a sub-category of "dog": placed under its parent\'s section, read after it');
    expect(r.counts.category).toMatchObject({ imported: 2 });
  });
});
