import { Hono, type Context } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import type { Deps } from '../../../../services/deps.js';
import { createPartner, deletePartner, findPartner, listAllPartners, updatePartner } from '../../../../services/partners.js';
import { readJson } from '../../../body.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentPartner } from './present.js';
import { partnerId } from './schema.js';

/**
 * /api/admin/v1/partners: list, read, create, change (PATCH) and delete (while no article credits it). Reading needs
 * any newsroom key or session; changes need `partner.manage`. The fields are checked in services/partners.ts.
 */
export function partnerRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.get('/', async (c) => c.json({ items: (await listAllPartners(deps)).map(presentPartner) }));

  app.post('/', async (c) => {
    const p = await createPartner(deps, who(c), site.locales, await readJson(c));
    c.header('Location', `${ADMIN_API_PATH}/partners/${p.id}`);
    return c.json(presentPartner(p), 201);
  });

  app.get('/:id', async (c) => c.json(presentPartner(await findPartner(deps, partnerId(c.req.param('id'))))));

  app.patch('/:id', async (c) => c.json(presentPartner(await updatePartner(deps, who(c), site.locales, partnerId(c.req.param('id')), await readJson(c)))));

  app.delete('/:id', async (c) => {
    await deletePartner(deps, who(c), partnerId(c.req.param('id')));
    return c.body(null, 204);
  });

  return app;
}
