import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import type { Agent } from '#test/admin.js';
import { listSectionRecords } from '../../db/sections-repo.js';
import { storeWireItem } from '../../services/ingest.js';

describeApi('admin sections screen, the tree: %s', ({ site: s, newsroom: n }) => {
  let editor: Agent;
  let csrf: string;
  const form = (en: string, extra: Record<string, string> = {}) => ({
    _csrf: csrf,
    'name-en': en,
    'name-ru': `${en} ru`,
    'name-kk': `${en} kk`,
    slug: '',
    ...extra,
  });
  const byParent = async () => {
    const all = await listSectionRecords(s.db.kysely);
    return all.map((x) => `${x.slug}<${all.find((p) => p.id === x.parentId)?.slug ?? ''}`);
  };
  /** The parent choice's options on a page: value and text. */
  const options = (html: string) =>
    [
      ...(/<select id="(?:new|edit)-parent" name="parent">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(
        /<option value="(\d*)"( selected="")?>([^<]*)<\/option>/g,
      ),
    ].map((m) => `${m[1]}${m[2] ? '*' : ''} ${m[3]!.trim()}`);

  beforeAll(async () => {
    editor = s.agent();
    await editor.login('editor@example.org');
    csrf = await editor.csrfFrom('/admin/sections');
  });

  it('creates a sub-section from the form’s parent choice, and lists it indented under its parent', async () => {
    const made = await editor.post('/admin/sections', form('Elections', { parent: String(n.politics) }));
    expect(made.status).toBe(303);
    await editor.post('/admin/sections', form('Local', { parent: String(n.politics) }));
    expect(await byParent()).toEqual(['politics<', 'elections<politics', 'local<politics', 'economy<']);
    const html = await (await editor.get('/admin/sections')).text();
    expect(html.indexOf('>Elections</a>')).toBeGreaterThan(html.indexOf('>Politics</a>'));
    expect(html.indexOf('>Elections</a>')).toBeLessThan(html.indexOf('>Economy</a>'));
    expect(html).toMatch(/↳ <\/span><a href="\/admin\/sections\/\d+">Elections<\/a> <span class="note">\(under Politics\)<\/span>/);
    expect(options(html)).toEqual([
      ' — none: a top-level section —',
      `${n.politics} Politics (politics)`,
      expect.stringMatching(/^\d+ Elections \(elections\)$/),
      expect.stringMatching(/^\d+ Local \(local\)$/),
      `${n.economy} Economy (economy)`,
    ]);
  });

  it('indents a sub-section under its parent in the section choice of a new article', async () => {
    const html = await (await editor.get('/admin/articles/new')).text();
    const choices = [
      ...(/<select id="new-section" name="sectionId">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(/<option value="\d+"[^>]*>([^<]*)<\/option>/g),
    ].map((m) => m[1]);
    expect(choices).toEqual(['Politics', '\u00a0\u00a0Elections', '\u00a0\u00a0Local', 'Economy']);
  });

  /** A select's options on a page: value and text. */
  const choicesOf = (html: string, select: RegExp) =>
    [...(select.exec(html)?.[1] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => `${m[1]} ${m[2]}`);

  it('indents a sub-section under its parent in the desk’s section filter, and the filter still finds by slug', async () => {
    const html = await (await editor.get('/admin/articles')).text();
    expect(choicesOf(html, /<select id="f-section" name="section"[^>]*>([\s\S]*?)<\/select>/)).toEqual([
      ' Any',
      'politics Politics',
      'elections \u00a0\u00a0Elections',
      'local \u00a0\u00a0Local',
      'economy Economy',
    ]);
    // The other choices of the desk are as they were: no indentation, no reordering.
    const authors = choicesOf(html, /<select id="f-author" name="author"[^>]*>([\s\S]*?)<\/select>/);
    expect(authors.length).toBeGreaterThan(1);
    expect(authors.every((a) => !a.includes('\u00a0'))).toBe(true);
    const chosen = await (await editor.get('/admin/articles?section=elections')).text();
    expect(chosen).toMatch(/<option value="elections" selected="">\u00a0\u00a0Elections<\/option>/);
  });

  it('indents a sub-section under its parent in the wire’s "Adapt" section choice', async () => {
    await storeWireItem(s.db.kysely, {
      partnerId: n.partner,
      guid: 'tree-1',
      link: 'https://steppe-courier.example/news/tree-1',
      linkKey: 'steppe-courier.example/news/tree-1',
      title: 'Выборы в маслихат',
      author: null,
      summary: 'Кратко',
      contentHtml: '<p>Текст.</p>',
      language: 'ru',
      publishedAt: '2026-11-20T08:00:00.000Z',
      fetchedAt: '2026-11-20T11:00:00.000Z',
      fullText: true,
      extractError: null,
    });
    const id = (await s.db.kysely.selectFrom('wire_items').select('id').where('guid', '=', 'tree-1').executeTakeFirstOrThrow()).id;
    const html = await (await editor.get(`/admin/wire/${id}`)).text();
    expect(choicesOf(html, /<select name="sectionId">([\s\S]*?)<\/select>/).map((o) => o.replace(/^\d+ /, ''))).toEqual([
      'Politics',
      '\u00a0\u00a0Elections',
      '\u00a0\u00a0Local',
      'Economy',
    ]);
  });

  it('offers as parent neither the section itself nor its sub-sections; the current one is chosen', async () => {
    const elections = (await listSectionRecords(s.db.kysely, { slug: 'elections' }))[0]!;
    const politics = await (await editor.get(`/admin/sections/${n.politics}`)).text();
    expect(options(politics).map((o) => o.split(' ')[0])).toEqual(['', String(n.economy)]);
    const page = await (await editor.get(`/admin/sections/${elections.id}`)).text();
    expect(options(page)).toContain(`${n.politics}* Politics (politics)`);
    expect(page).toMatch(/<a href="\/admin\/sections">All sections<\/a> › <a href="\/admin\/sections\/\d+">Politics<\/a>/);
  });

  it('refuses a loop on the page with the reason (in Russian too), and keeps what was sent', async () => {
    const elections = (await listSectionRecords(s.db.kysely, { slug: 'elections' }))[0]!;
    const res = await editor.post(`/admin/sections/${n.politics}`, form('Politics', { slug: 'politics', parent: String(elections.id) }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('A section cannot sit under one of its own sub-sections.');
    const ru = await editor.post(`/admin/sections/${n.politics}`, form('Politics', { slug: 'politics', parent: String(elections.id) }), {
      'accept-language': 'ru',
    });
    expect(await ru.text()).toContain('Раздел не может находиться внутри самого себя или своего подраздела.');
    expect((await byParent())[0]).toBe('politics<');
  });

  it('moves a section up and down among its siblings only', async () => {
    const local = (await listSectionRecords(s.db.kysely, { slug: 'local' }))[0]!;
    expect((await editor.post(`/admin/sections/${local.id}/move`, { _csrf: csrf, direction: 'up' })).headers.get('location')).toBe(
      '/admin/sections?done=moved',
    );
    expect(await byParent()).toEqual(['politics<', 'local<politics', 'elections<politics', 'economy<']);
    // Already first among Politics' sub-sections: it stays there, it does not climb out.
    await editor.post(`/admin/sections/${local.id}/move`, { _csrf: csrf, direction: 'up' });
    expect(await byParent()).toEqual(['politics<', 'local<politics', 'elections<politics', 'economy<']);
    await editor.post(`/admin/sections/${n.economy}/move`, { _csrf: csrf, direction: 'up' });
    expect(await byParent()).toEqual(['economy<', 'politics<', 'local<politics', 'elections<politics']);
  });

  it('a deleted section’s sub-sections move up to its parent, and the notice says so', async () => {
    const local = (await listSectionRecords(s.db.kysely, { slug: 'local' }))[0]!;
    const elections = (await listSectionRecords(s.db.kysely, { slug: 'elections' }))[0]!;
    await editor.post(`/admin/sections/${elections.id}`, form('Elections', { slug: 'elections', parent: String(local.id) }));
    expect(await byParent()).toContain('elections<local');
    const res = await editor.post(`/admin/sections/${local.id}/delete`, { _csrf: csrf });
    expect(res.headers.get('location')).toBe('/admin/sections?done=deleted-up');
    expect(await (await editor.get('/admin/sections?done=deleted-up')).text()).toContain(
      'Section deleted. Its sub-sections moved up a level, under its own parent.',
    );
    expect(await byParent()).toContain('elections<politics');
  });

  // A form without the `parent` field (a script, a page from before the tree) moved the section to the top level.
  it('an edit without a parent field leaves the parent as it is; an empty one moves the section to the top level', async () => {
    const elections = (await listSectionRecords(s.db.kysely, { slug: 'elections' }))[0]!;
    expect(elections.parentId).toBe(n.politics);
    expect((await editor.post(`/admin/sections/${elections.id}`, form('Polls', { slug: 'elections' }))).status).toBe(303);
    expect((await listSectionRecords(s.db.kysely, { slug: 'elections' }))[0]).toMatchObject({ parentId: n.politics, names: { en: 'Polls' } });
    expect((await editor.post(`/admin/sections/${elections.id}`, form('Polls', { slug: 'elections', parent: '' }))).status).toBe(303);
    expect((await listSectionRecords(s.db.kysely, { slug: 'elections' }))[0]!.parentId).toBeNull();
  });
});
