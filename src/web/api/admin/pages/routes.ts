import { Hono, type Context } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import { AppError, isAppError } from '../../../../errors.js';
import { readCreated } from '../../../../services/articles.js';
import type { Deps } from '../../../../services/deps.js';
import { createPage, deletePage, listPages, readPage, savePage } from '../../../../services/pages.js';
import { readJson } from '../../../body.js';
import { idParam, parse, withBodyFromHtml } from '../articles/schema.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentPage, presentPageListItem } from './present.js';
import { CreatePageBody, ListPagesQuery, UpdatePageBody } from './schema.js';

const BASE = `${ADMIN_API_PATH}/pages`;

/**
 * /api/admin/v1/pages: list (per language), read, create, replace and delete pages (About, Contact, policies). A page
 * is an article of kind `page`, so its workflow (publish, unpublish), revisions, pending changes, previews and
 * translations are the article endpoints' under the same id (`/articles/{id}/status`, …). Creating one needs
 * `page.manage`; the rest follows the article rules.
 */
export function pageRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.get('/', async (c) => {
    const query = parse(ListPagesQuery, c.req.query(), 'query');
    return c.json({ items: (await listPages(deps, who(c), query)).map((r) => presentPageListItem(site, r)) });
  });

  app.post('/', async (c) => {
    const body = parse(CreatePageBody, await withBodyFromHtml(await readJson(c)), 'page');
    const id = await createPage(deps, who(c), body);
    c.header('Location', `${BASE}/${id}`);
    return c.json(presentPage(site, await readCreated(deps, id)), 201);
  });

  app.get('/:id', async (c) => c.json(presentPage(site, await readPage(deps, who(c), idParam(c.req.param('id'))))));

  app.put('/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const sent = await readJson(c);
    const { baseRevision, ...fields } = parse(UpdatePageBody, await withBodyFromHtml(sent), 'page');
    try {
      await savePage(deps, who(c), id, baseRevision, fields);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      // Nothing is lost: the answer carries the stored version and what this client sent, to merge.
      const current = presentPage(site, await readPage(deps, who(c), id));
      throw new AppError('CONFLICT', e.message, { hint: e.hint, details: { ...e.details, current, sent }, cause: e });
    }
    return c.json(presentPage(site, await readPage(deps, who(c), id)));
  });

  app.delete('/:id', async (c) => {
    await deletePage(deps, who(c), idParam(c.req.param('id')));
    return c.body(null, 204);
  });

  return app;
}
