import { Hono, type Context } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import type { Deps } from '../../../../services/deps.js';
import { createSection, deleteSection, findSection, listAllSections, mergeSection, updateSection } from '../../../../services/sections.js';
import { readJson } from '../../../body.js';
import { parse } from '../articles/schema.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentSection } from './present.js';
import { MergeBody, SECTION_KEY } from './schema.js';

/**
 * /api/admin/v1/sections: list (menu order), read, create, change, merge and delete. A section is named in the path
 * by its id or its slug. Reading needs any newsroom key or session; changes need `section.manage`. `parentId` places a
 * section under another (null: top level); the rules (no loop, a bounded depth) are the service's.
 */
export function sectionRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');
  const show = (s: Parameters<typeof presentSection>[0]) => presentSection(s, site.locales);

  app.get('/', async (c) => c.json({ items: (await listAllSections(deps)).map(show) }));

  app.post('/', async (c) => {
    const s = await createSection(deps, who(c), site.locales, await readJson(c));
    c.header('Location', `${ADMIN_API_PATH}/sections/${s.id}`);
    return c.json(show(s), 201);
  });

  app.get(`/${SECTION_KEY}`, async (c) => c.json(show(await findSection(deps, c.req.param('key')))));

  app.patch(`/${SECTION_KEY}`, async (c) => c.json(show(await updateSection(deps, who(c), site.locales, c.req.param('key'), await readJson(c)))));

  app.delete(`/${SECTION_KEY}`, async (c) => {
    await deleteSection(deps, who(c), site.locales, c.req.param('key'));
    return c.body(null, 204);
  });

  app.post(`/${SECTION_KEY}/merge`, async (c) => {
    const { into } = parse(MergeBody, await readJson(c), 'merge');
    const r = await mergeSection(deps, who(c), site.locales, c.req.param('key'), into);
    return c.json({ merged: show(r.merged), into: show(r.into), moved: r.moved, subsections: r.subsections });
  });

  return app;
}
