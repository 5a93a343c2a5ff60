import { Hono, type Context } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import type { Deps } from '../../../../services/deps.js';
import { siteSettingsOf, updateSiteSettings } from '../../../../services/site-settings.js';
import { readJson } from '../../../body.js';
import { presentSettings } from './present.js';

/**
 * /api/admin/v1/settings: the publication's settings. Reading needs any newsroom key or session (they are what the
 * public pages show anyway); PATCH needs `settings.edit` and changes only the keys it sends.
 */
export function settingsRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.get('/', async (c) => c.json(presentSettings(await siteSettingsOf(deps, site), site)));

  app.patch('/', async (c) => c.json(presentSettings(await updateSiteSettings(deps, who(c), site, await readJson(c)), site)));

  return app;
}
