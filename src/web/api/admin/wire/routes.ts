import { Hono, type Context } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import { AppError } from '../../../../errors.js';
import type { Deps } from '../../../../services/deps.js';
import { adaptWireItem, listWire, parseWireQuery, readWireItem, type MachineTranslator } from '../../../../services/wire.js';
import { readJson } from '../../../body.js';
import { ADMIN_API_PATH } from '../paths.js';

/**
 * /api/admin/v1/wire: the stories partner feeds brought in (filters: partner, language, from, to as dates, q), one
 * item with its original text, and POST /wire/{id}/adapt { locale, sectionId? }, which makes a draft with the
 * partner's credit filled in (201, Location of the article). Needs `article.create`.
 */
function wireId(raw: string | undefined): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw new AppError('NOT_FOUND', `Wire item ${raw ?? ''} was not found.`, { hint: 'Wire item ids are whole numbers.' });
  return Number(raw);
}

export function wireRoutes(deps: Deps, site: SiteContext, translator: MachineTranslator | null = null) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.get('/', async (c) => c.json(await listWire(deps, who(c), parseWireQuery(c.req.query()))));

  app.get('/:id', async (c) => c.json(await readWireItem(deps, who(c), wireId(c.req.param('id')))));

  app.post('/:id/adapt', async (c) => {
    const articleId = await adaptWireItem(deps, who(c), site.locales, wireId(c.req.param('id')), await readJson(c), translator);
    c.header('Location', `${ADMIN_API_PATH}/articles/${articleId}`);
    return c.json({ articleId }, 201);
  });

  return app;
}
