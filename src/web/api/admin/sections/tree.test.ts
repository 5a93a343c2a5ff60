import { beforeAll, expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/sections';
const names = (en: string) => ({ en, ru: `${en} (ru)`, kk: `${en} (kk)` });

/** The section links of a page's menu, in order. */
const menu = (html: string) =>
  [...(/<nav class="sections"[^>]*><ul>([\s\S]*?)<\/ul><\/nav>/.exec(html)?.[1] ?? '').matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
const crumbs = (html: string) =>
  [...(/<nav class="crumbs"[^>]*><ol>([\s\S]*?)<\/ol><\/nav>/.exec(html)?.[1] ?? '').matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
const subsections = (html: string) =>
  [...(/<nav class="subsections"[^>]*><ul>([\s\S]*?)<\/ul><\/nav>/.exec(html)?.[1] ?? '').matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(
    (m) => `${m[2]} ${m[1]}`,
  );
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as ApiJson);

describeApi('Admin API section tree: %s', ({ site: s, newsroom: n, keys, call }) => {
  const ids: Record<string, number> = {};
  let storyId = 0;
  const make = async (slug: string, parentId?: number | null) => {
    const body = await expectJson(
      await call(keys.editor, 'POST', BASE, { slug, names: names(slug[0]!.toUpperCase() + slug.slice(1)), ...(parentId === undefined ? {} : { parentId }) }),
      201,
    );
    ids[slug] = body['id'] as number;
    return body;
  };
  const parentOf = async (slug: string) => (await expectJson(await call(keys.author, 'GET', `${BASE}/${slug}`)))['parentId'];

  beforeAll(async () => {
    await make('world');
    await make('asia', ids['world']);
    await make('china', ids['asia']);
    storyId = await createArticle(s.deps, { locale: 'en', headline: 'Rice harvest', body: doc('Text.'), sectionId: ids['china']!, status: 'published' });
  });

  it('reads and writes parentId; lists each section’s sub-sections right after it; addresses stay flat', async () => {
    expect(await parentOf('asia')).toBe(ids['world']);
    expect(await parentOf('world')).toBeNull();
    const items = (await expectJson(await call(keys.author, 'GET', BASE)))['items'] as ApiJson[];
    expect(items.map((x) => x['slug'])).toEqual(['politics', 'economy', 'world', 'asia', 'china']);
    expect(items.find((x) => x['slug'] === 'china')).toMatchObject({ parentId: ids['asia'], urls: { en: '/en/section/china' } });
    // A branch moved under Politics lists, whole, right after it.
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/world`, { parentId: n.politics }));
    const again = ((await expectJson(await call(keys.author, 'GET', BASE)))['items'] as ApiJson[]).map((x) => x['slug']);
    expect(again).toEqual(['politics', 'world', 'asia', 'china', 'economy']);
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/world`, { parentId: null }));
    expect(await parentOf('world')).toBeNull();
    const [row] = await listAudit(s.db.kysely, { subjectType: 'section', subjectId: ids['world']!, limit: 1 });
    expect(row).toMatchObject({ action: 'section.updated', details: { parentFrom: n.politics, parentTo: null } });
  });

  it('refuses a loop, a branch past five levels and an unknown parent, with a code and a hint, and changes nothing', async () => {
    const self = await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/asia`, { parentId: ids['asia'] }), 422, 'SECTION_CYCLE');
    expect(self['hint']).toBeTruthy();
    const loop = await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/world`, { parentId: ids['china'] }), 422, 'SECTION_CYCLE');
    expect(loop['detail']).toContain('own sub-sections');
    expect(await parentOf('world')).toBeNull();
    // world > asia > china is three levels: two more fit, a sixth does not.
    await make('beijing', ids['china']);
    await make('haidian', ids['beijing']);
    const deep = await expectProblem(
      await call(keys.editor, 'POST', BASE, { slug: 'zhongguancun', names: names('Z'), parentId: ids['haidian'] }),
      422,
      'SECTION_TOO_DEEP',
    );
    expect(deep['hint']).toContain('higher up');
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/zhongguancun`), 404, 'NOT_FOUND');
    // Moving a whole branch counts its depth too: economy > world would make haidian the sixth level.
    await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/world`, { parentId: n.economy }), 422, 'SECTION_TOO_DEEP');
    expect(await parentOf('world')).toBeNull();
    const unknown = await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/world`, { parentId: 999_999 }), 422, 'VALIDATION_FAILED');
    expect((unknown['errors'] as ApiJson[])[0]).toMatchObject({ field: 'parentId' });
    await expectProblem(await call(keys.author, 'PATCH', `${BASE}/world`, { parentId: n.economy }), 403, 'FORBIDDEN');
  });

  it('a sub-section’s page has a breadcrumb to its parents (and BreadcrumbList JSON-LD); a parent’s page links its sub-sections; the menu holds the top level', async () => {
    const china = await s.app.request('/en/section/china');
    expect(china.status).toBe(200);
    const html = await china.text();
    expect(crumbs(html)).toEqual(['Home /en/', 'World /en/section/world', 'Asia /en/section/asia']);
    expect(subsections(html)).toEqual(['Beijing /en/section/beijing']);
    expect(html).toContain('Rice harvest');
    const trail = jsonLd(html).find((j) => j['@type'] === 'BreadcrumbList');
    expect((trail?.['itemListElement'] as ApiJson[]).map((x) => [x['position'], x['name'], new URL(x['item'] as string).pathname])).toEqual([
      [1, 'Home', '/en/'],
      [2, 'World', '/en/section/world'],
      [3, 'Asia', '/en/section/asia'],
      [4, 'China', '/en/section/china'],
    ]);
    // A story in a sub-section: its breadcrumb (and BreadcrumbList) goes up through the parents; its address holds only its own section.
    const url = (await s.app.request(`/a/${storyId}`)).headers.get('location')!;
    expect(url).toMatch(/^\/en\/china\/\d{4}\/\d{2}\/rice-harvest$/);
    const story = await (await s.app.request(url)).text();
    expect(crumbs(story)).toEqual(['Home /en/', 'World /en/section/world', 'Asia /en/section/asia', 'China /en/section/china']);
    const storyTrail = jsonLd(story).find((j) => j['@type'] === 'BreadcrumbList');
    expect((storyTrail?.['itemListElement'] as ApiJson[]).map((x) => x['name'])).toEqual(['Home', 'World', 'Asia', 'China', 'Rice harvest']);
    const ru = await (await s.app.request('/ru/section/asia')).text();
    expect(crumbs(ru)).toEqual(['Главная /ru/', 'World (ru) /ru/section/world']);
    expect(subsections(ru)).toEqual(['China (ru) /ru/section/china']);
    const world = await (await s.app.request('/en/section/world')).text();
    expect(crumbs(world)).toEqual([]);
    expect(jsonLd(world).some((j) => j['@type'] === 'BreadcrumbList')).toBe(false);
    expect(subsections(world)).toEqual(['Asia /en/section/asia']);
    const top = menu(await (await s.app.request('/en/')).text());
    expect(top).toContain('/en/section/world');
    expect(top).not.toContain('/en/section/asia');
    // A hidden sub-section keeps its page but leaves its parent's links, as it leaves the menu; its own visible
    // sub-section takes its place there.
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/beijing`, { hidden: true }));
    expect(subsections(await (await s.app.request('/en/section/china')).text())).toEqual(['Haidian /en/section/haidian']);
    expect((await s.app.request('/en/section/beijing')).status).toBe(200);
  });

  it('a deleted or merged section leaves its sub-sections to its own parent, and the audit row says so', async () => {
    // beijing (empty) deleted: haidian moves up under china.
    expect((await call(keys.editor, 'DELETE', `${BASE}/beijing`)).status).toBe(204);
    expect(await parentOf('haidian')).toBe(ids['china']);
    const [deleted] = await listAudit(s.db.kysely, { subjectType: 'section', subjectId: ids['beijing']!, limit: 1 });
    expect(deleted).toMatchObject({ action: 'section.deleted', details: { subsections: [ids['haidian']], subsectionsTo: ids['china'] } });
    // asia merged into economy: its story-less self goes, china (with its story) moves up under world, its stories stay.
    const merged = await expectJson(await call(keys.editor, 'POST', `${BASE}/asia/merge`, { into: 'economy' }));
    expect(merged['subsections']).toEqual([ids['china']]);
    expect(await parentOf('china')).toBe(ids['world']);
    expect(crumbs(await (await s.app.request('/en/section/china')).text())).toEqual(['Home /en/', 'World /en/section/world']);
    const [row] = await listAudit(s.db.kysely, { subjectType: 'section', subjectId: ids['asia']!, limit: 1 });
    expect(row).toMatchObject({ action: 'section.merged', details: { subsections: [ids['china']], subsectionsTo: ids['world'] } });
    // A top-level section deleted: its sub-sections become top-level and join the menu.
    await expectJson(await call(keys.editor, 'POST', `${BASE}/china/merge`, { into: 'politics' }));
    expect(await parentOf('haidian')).toBe(ids['world']);
    expect((await call(keys.editor, 'DELETE', `${BASE}/world`)).status).toBe(204);
    expect(await parentOf('haidian')).toBeNull();
    expect(menu(await (await s.app.request('/en/')).text())).toContain('/en/section/haidian');
  });

  // The page cache re-renders a section front at once only when its key is announced (web/cache/page-cache.ts).
  it('a move in the tree announces the section and both parents; a section page depends on its parents’ and sub-sections’ keys', async () => {
    const heard: string[][] = [];
    s.deps.changes.subscribe((k) => heard.push(k));
    const left = await make('left');
    const right = await make('right');
    const leaf = await make('leaf', left['id'] as number);
    heard.length = 0;
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/leaf`, { parentId: right['id'] }));
    const announced = heard.flat();
    for (const id of [leaf['id'], left['id'], right['id']]) for (const l of ['en', 'ru', 'kk']) expect(announced).toContain(`sec${id}-${l}`);
    const keysOf = async (path: string) => ((await s.app.request(path)).headers.get('surrogate-key') ?? '').split(' ');
    expect(await keysOf('/en/section/leaf')).toEqual(expect.arrayContaining([`sec${leaf['id']}-en`, `sec${right['id']}-en`]));
    expect(await keysOf('/en/section/leaf')).not.toContain(`sec${left['id']}-en`);
    expect(await keysOf('/ru/section/right')).toEqual(expect.arrayContaining([`sec${right['id']}-ru`, `sec${leaf['id']}-ru`]));
  });

  // Each move is checked against the tree its transaction reads: unserialised, both pass on PostgreSQL and make a loop.
  it('two moves sent at once (a under b, b under a) never make a loop: one is refused', async () => {
    const a = (await make('ping'))['id'] as number;
    const b = (await make('pong'))['id'] as number;
    for (let round = 0; round < 8; round++) {
      const [x, y] = await Promise.all([
        call(keys.editor, 'PATCH', `${BASE}/ping`, { parentId: b }),
        call(keys.editor, 'PATCH', `${BASE}/pong`, { parentId: a }),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 422]);
      const parents = [await parentOf('ping'), await parentOf('pong')];
      expect(parents.filter((p) => p === null)).toHaveLength(1);
      await call(keys.editor, 'PATCH', `${BASE}/ping`, { parentId: null });
      await call(keys.editor, 'PATCH', `${BASE}/pong`, { parentId: null });
    }
  });

  // The menu holds the top level only: a visible section under hidden ones was linked from nowhere.
  it('a visible sub-section whose parents are all hidden is in the menu; under a hidden one, its nearest visible one links it', async () => {
    const attic = (await expectJson(await call(keys.editor, 'POST', BASE, { slug: 'attic', names: names('Attic'), hidden: true }), 201))['id'] as number;
    await make('loft', attic);
    const top = menu(await (await s.app.request('/en/')).text());
    expect(top).toContain('/en/section/loft');
    expect(top).not.toContain('/en/section/attic');
    // house > cellar (hidden) > vault: house's page links vault, the menu does not.
    const house = (await make('house'))['id'] as number;
    const cellar = (await expectJson(await call(keys.editor, 'POST', BASE, { slug: 'cellar', names: names('Cellar'), hidden: true, parentId: house }), 201))[
      'id'
    ] as number;
    await make('vault', cellar);
    expect(subsections(await (await s.app.request('/en/section/house')).text())).toEqual(['Vault /en/section/vault']);
    expect(menu(await (await s.app.request('/en/')).text())).not.toContain('/en/section/vault');
  });
});
