import { Hono, type Context } from 'hono';
import { LOCALE_PATTERN } from '../../../../content/locales.js';
import type { SiteContext } from '../../../../content/site-context.js';
import { AppError, isAppError } from '../../../../errors.js';
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

  const answer = (c: Context, v: ReturnType<typeof presentFrontPage>) => {
    c.header('ETag', `"${v.version}"`);
    return c.json(v);
  };

  app.get(path, async (c) => answer(c, presentFrontPage(await readFrontPage(deps, who(c), site.locales, c.req.param('locale')))));

  app.put(path, async (c) => {
    const locale = c.req.param('locale');
    const {
      locale: sent,
      updatedAt: _a,
      updatedBy: _b,
      shown: _s,
      version: _v,
      baseVersion,
      ...pins
    } = parse(PutFrontPageBody, await readJson(c), 'front page');
    // If-Match carries the GET's ETag (quoted, maybe weak); `baseVersion` in the body says the same. Either is checked.
    const ifMatch = c.req.header('if-match')?.trim();
    const base = baseVersion ?? (ifMatch && ifMatch !== '*' ? ifMatch.replace(/^W\//, '').replace(/^"|"$/g, '') : undefined);
    if (sent !== undefined && sent !== locale) {
      throw new AppError('VALIDATION_FAILED', `The body is for "${sent}", the address for "${locale}".`, {
        hint: 'Leave out "locale", or send the body to the front page of its own language.',
        details: { fields: { locale: `must be "${locale}" or left out` } },
      });
    }
    try {
      return answer(c, presentFrontPage(await saveFrontPage(deps, who(c), site.locales, locale, pins, { baseVersion: base })));
    } catch (e) {
      if (!isAppError(e) || e.code !== 'FRONT_PAGE_CHANGED') throw e;
      // As a conflicting article save does: the answer carries the stored front page, to merge with.
      const current = presentFrontPage(await readFrontPage(deps, who(c), site.locales, locale));
      throw new AppError('FRONT_PAGE_CHANGED', e.message, { hint: e.hint, details: { ...e.details, current }, cause: e });
    }
  });

  return app;
}
