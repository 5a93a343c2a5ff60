import { Hono, type Context } from 'hono';
import { LOCALE_PATTERN } from '../../../../content/locales.js';
import type { SiteContext } from '../../../../content/site-context.js';
import { AppError } from '../../../../errors.js';
import type { Deps } from '../../../../services/deps.js';
import { readFrontPage, saveFrontPage } from '../../../../services/front-pages.js';
import { readJson } from '../../../body.js';
import { parse } from '../articles/schema.js';
import { presentFrontPage } from './present.js';
import { PutFrontPageBody } from './schema.js';

/** /api/admin/v1/front-pages/{locale}: what leads each language's home page (GET), and pinning it (PUT, whole). */
export function frontPageRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');
  const path = `/:locale{${LOCALE_PATTERN}}`;

  app.get(path, async (c) => c.json(presentFrontPage(await readFrontPage(deps, who(c), site.locales, c.req.param('locale')))));

  app.put(path, async (c) => {
    const locale = c.req.param('locale');
    const { locale: sent, updatedAt: _a, updatedBy: _b, shown: _s, ...pins } = parse(PutFrontPageBody, await readJson(c), 'front page');
    if (sent !== undefined && sent !== locale) {
      throw new AppError('VALIDATION_FAILED', `The body is for "${sent}", the address for "${locale}".`, {
        hint: 'Leave out "locale", or send the body to the front page of its own language.',
        details: { fields: { locale: `must be "${locale}" or left out` } },
      });
    }
    return c.json(presentFrontPage(await saveFrontPage(deps, who(c), site.locales, locale, pins)));
  });

  return app;
}
