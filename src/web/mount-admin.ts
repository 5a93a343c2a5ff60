import type { Context, Hono } from 'hono';
import type { AppError } from '../errors.js';
import type { SiteContext } from '../content/site-context.js';
import type { Deps } from '../services/deps.js';
import { consoleMailer, type Mailer } from '../services/mail.js';
import type { MediaOptions } from '../services/media.js';
import { adminErrorResponse } from './admin/admin-error.js';
import { adminRoutes } from './admin/routes.js';
import { adminApiRoutes } from './api/admin/routes.js';
import type { MachineTranslator } from '../services/wire.js';
import { ADMIN_API_PATH, ADMIN_API_SESSION_PATH } from './api/admin/paths.js';

/** What the app needs of the newsroom's side: its routes, and its error answer on /admin. */
export type AdminSide = {
  mount: (app: Hono) => void;
  errorResponse: (c: Context, error: AppError | null, wantsJson: boolean) => Response | Promise<Response>;
};

/**
 * The admin's pages and the Admin API, loaded by web/app.ts on the first request under /admin or /api/admin (so a
 * server that only serves readers never parses them). The mailer defaults to the console.
 */
export function adminSide(
  deps: Deps,
  site: SiteContext,
  opts: { mailer: Mailer | undefined; trustProxy: boolean; media: MediaOptions; translator?: MachineTranslator | null },
): AdminSide {
  return {
    mount: (app) => {
      // One API router at two addresses (api/admin/paths.ts says why): for clients with keys, and under /admin, where
      // the admin's session cookie reaches it. Mounted before the admin's pages, whose middleware must not run for it.
      const api = adminApiRoutes(deps, site, opts.media, opts.translator ?? null);
      for (const base of [ADMIN_API_PATH, ADMIN_API_SESSION_PATH]) app.route(base, api);
      app.route(
        '/admin',
        adminRoutes(deps, site, {
          mailer: opts.mailer ?? consoleMailer(`no-reply@${new URL(site.siteUrl).hostname}`),
          trustProxy: opts.trustProxy,
          media: opts.media,
          translator: opts.translator ?? null,
        }),
      );
    },
    errorResponse: adminErrorResponse,
  };
}
