import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { SiteContext } from '../../../../content/site-context.js';
import { previewPath } from '../../../../content/preview-path.js';
import type { Deps } from '../../../../services/deps.js';
import { createPreviewLink, listPreviewLinks, revokePreviewLink, type PreviewLink } from '../../../../services/previews.js';
import { readJson } from '../../../body.js';
import { ADMIN_API_PATH } from '../paths.js';
import { idParam, parse } from './schema.js';

/**
 * /api/admin/v1/articles/{id}/preview-links: share links to an article's preview. The token is in `url`, in the
 * answer to the POST only; listings never carry it (only its hash is stored).
 */

/** `pinRevision`: a revision number, true for the newest now, false or absent for the newest at view time. */
export const CreatePreviewLinkBody = z.strictObject({
  expiresInHours: z.number().positive().optional(),
  pinRevision: z.union([z.number().int().positive().max(2147483647), z.boolean()]).optional(),
});

const linkParam = (raw: string | undefined) => idParam(raw);

const show = (l: PreviewLink) => ({
  id: l.id,
  articleId: l.articleId,
  pinnedRevision: l.pinnedRevision,
  createdAt: l.createdAt,
  expiresAt: l.expiresAt,
  createdBy: l.createdBy,
});

export function previewLinkRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.post('/:id/preview-links', async (c) => {
    const id = idParam(c.req.param('id'));
    // Every field is optional: an empty body is a link with the defaults (the body is cached, so read twice).
    const raw = (await c.req.text()).trim() ? await readJson(c) : {};
    const body = parse(CreatePreviewLinkBody, raw, 'preview link');
    const link = await createPreviewLink(deps, who(c), id, body);
    c.header('Location', `${ADMIN_API_PATH}/articles/${id}/preview-links/${link.id}`);
    return c.json({ ...show(link), url: `${site.siteUrl}${previewPath(link.token)}` }, 201);
  });

  app.get('/:id/preview-links', async (c) => c.json({ items: (await listPreviewLinks(deps, who(c), idParam(c.req.param('id')))).map(show) }));

  app.delete('/:id/preview-links/:linkId', async (c) => {
    await revokePreviewLink(deps, who(c), idParam(c.req.param('id')), linkParam(c.req.param('linkId')));
    return c.body(null, 204);
  });

  return app;
}
