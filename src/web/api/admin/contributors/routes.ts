import { Hono, type Context } from 'hono';
import type { Deps } from '../../../../services/deps.js';
import { createContributor, listContributors } from '../../../../services/contributors.js';
import { readJson } from '../../../body.js';
import { parse } from '../articles/schema.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentContributor } from './present.js';
import { CreateContributorBody, ListContributorsQuery } from './schema.js';

const BASE = `${ADMIN_API_PATH}/contributors`;

/** /api/admin/v1/contributors: list and search (keyset pages by id), and add one (from the editor's byline picker). */
export function contributorRoutes(deps: Deps) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.get('/', async (c) => {
    const query = parse(ListContributorsQuery, c.req.query(), 'query');
    const { items, nextAfter } = await listContributors(deps, who(c), query);
    const rest = Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => k !== 'after'));
    const next = nextAfter === null ? null : `${BASE}?${new URLSearchParams({ ...rest, after: String(nextAfter) })}`;
    return c.json({ items: items.map(presentContributor), next });
  });

  app.post('/', async (c) => {
    const made = await createContributor(deps, who(c), parse(CreateContributorBody, await readJson(c), 'contributor'));
    return c.json(presentContributor(made), 201);
  });

  return app;
}
