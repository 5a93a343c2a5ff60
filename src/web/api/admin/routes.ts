import { Hono } from 'hono';
import { AppError } from '../../../errors.js';
import type { SiteContext } from '../../../content/site-context.js';
import type { Deps } from '../../../services/deps.js';
import type { MediaOptions } from '../../../services/media.js';
import { articleRoutes } from './articles/routes.js';
import { previewLinkRoutes } from './articles/preview-links.js';
import { bodyLimit } from '../../body.js';
import { mediaUploadLimit } from '../../media-upload.js';
import { isMediaUpload, mediaRoutes } from './media/routes.js';
import { apiAuth } from './auth.js';
import { frontPageRoutes } from './front-pages/routes.js';
import { contributorRoutes } from './contributors/routes.js';
import { meRoutes } from './me/routes.js';
import { pageRoutes } from './pages/routes.js';
import { partnerRoutes } from './partners/routes.js';
import { sectionRoutes } from './sections/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { tagRoutes } from './tags/routes.js';
import { searchRoutes } from './search/routes.js';
import { wireRoutes } from './wire/routes.js';
import type { MachineTranslator } from '../../../services/wire.js';

// An article with a long body is a few hundred KB of document JSON; beyond this it is a mistake or an attack.
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The Admin API, mounted at ADMIN_API_PATH (and, for the admin's own pages, ADMIN_API_SESSION_PATH: ./paths.ts): one folder per resource (schema.ts: what a request may carry, routes.ts:
 * the endpoints, present.ts: what a response shows). Errors leave through the one onError in web/app.ts as
 * problem+json.
 */
export function adminApiRoutes(deps: Deps, site: SiteContext, media: MediaOptions, translator: MachineTranslator | null = null) {
  const app = new Hono();
  const jsonLimit = bodyLimit(
    MAX_BODY_BYTES,
    () => new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`, { hint: 'Send less at once.' }),
  );
  // Uploads take MEDIA_MAX_MB instead. Both limits come before authentication: whoever sends it, a body is never read
  // past its limit.
  const uploadLimit = mediaUploadLimit(media.maxBytes);
  app.use('*', (c, next) => (isMediaUpload(c) ? uploadLimit(c, next) : jsonLimit(c, next)));
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('*', apiAuth(deps));
  app.route('/articles', previewLinkRoutes(deps, site));
  app.route('/articles', articleRoutes(deps, site));
  app.route('/media', mediaRoutes(deps, media));
  app.route('/front-pages', frontPageRoutes(deps, site));
  app.route('/contributors', contributorRoutes(deps, site));
  app.route('/me', meRoutes(deps, site));
  app.route('/sections', sectionRoutes(deps, site));
  app.route('/tags', tagRoutes(deps, site));
  app.route('/pages', pageRoutes(deps, site));
  app.route('/partners', partnerRoutes(deps, site));
  app.route('/settings', settingsRoutes(deps, site));
  app.route('/search', searchRoutes(deps, site));
  app.route('/wire', wireRoutes(deps, site, translator));
  return app;
}
