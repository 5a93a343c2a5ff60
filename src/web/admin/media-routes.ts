import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { can } from '../../content/policy.js';
import { parseRenditions } from '../../content/media.js';
import type { MediaRow } from '../../services/media.js';
import { isAppError, type AppError } from '../../errors.js';
import type { AdminContext } from '../../render/admin/admin-layout.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { isMediaNotice, MEDIA_CSS, renderMediaItemPage, renderMediaLibraryPage, type MediaItemView } from '../../render/admin/media-page.js';
import type { SiteContext } from '../../content/site-context.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import type { Deps } from '../../services/deps.js';
import { deleteMedia, editMedia, listMediaItems, readMedia, uploadMedia, type MediaOptions } from '../../services/media.js';
import { readUploadForm } from '../media-upload.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
import { assertSessionCsrf } from './csrf.js';
import { formFields, mustHaveSession, toLogin, wantsJson } from './guard.js';

const PAGE_SIZE = 48;
const ID = ':id{[0-9]{1,12}}';
// Mistakes a person can fix on the page (or, when the server is busy, wait out there); anything else goes to the
// admin's error page.
const FIXABLE = ['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA', 'MEDIA_TOO_LARGE', 'MEDIA_BUSY'];

/**
 * The upload forms' POSTs (the library's, and the settings' logo), which take MEDIA_MAX_MB instead of the admin's form
 * limit (both applied in routes.ts).
 */
export const isMediaUploadForm = (c: Context) => c.req.method === 'POST' && (c.req.path === '/admin/media/upload' || c.req.path === '/admin/settings/logo');

/** /admin/media: the library (upload, search, thumbnails) and one item's page (preview, focal point, alt text). */
/** MEDIA_IN_USE's hint with the stories that use the file, so they can be found. */
function inUse(ctx: AdminContext, e: AppError, ids: number[]) {
  const shown = formErrorOf(ctx, e);
  // The logo, a photo or a partner's logo hold it instead: the message names them.
  if (ids.length === 0) return shown;
  return { ...shown, hint: `${shown.hint ?? ''} ${ctx.t.errors.inArticles(ids.map((x) => `#${x}`).join(', '))}` };
}

export function mediaAdminRoutes(deps: Deps, site: SiteContext, media: MediaOptions) {
  const app = new Hono();

  const libraryPage = async (c: Context, session: Session, extra: { error?: FormError } = {}, status: ContentfulStatusCode = 200) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const before = /^\d{1,12}$/.test(c.req.query('before') ?? '') ? Number(c.req.query('before')) : undefined;
    const { items, nextBefore } = await listMediaItems(deps, { q, before, limit: PAGE_SIZE });
    const done = c.req.query('done');
    const older = nextBefore === null ? null : `/admin/media?${new URLSearchParams({ ...(q ? { q } : {}), before: String(nextBefore) })}`;
    const html = renderMediaLibraryPage(adminContext(c), {
      items: items.map(view),
      q,
      olderHref: older,
      canUpload: can(actorOf(session.user), 'media.upload'),
      maxMb: Math.round((media.maxBytes / 1024 / 1024) * 10) / 10,
      timeZone: site.timeZone,
      ...(isMediaNotice(done) && !extra.error ? { notice: done } : {}),
      ...extra,
    });
    return c.html(html, status);
  };

  const itemPage = async (c: Context, session: Session, id: number, extra: { error?: FormError; item?: MediaItemView } = {}, status: 200 | 409 | 422 = 200) => {
    const done = c.req.query('done');
    const html = renderMediaItemPage(adminContext(c), {
      item: extra.item ?? view(await readMedia(deps, id)),
      canEdit: can(actorOf(session.user), 'media.edit'),
      canDelete: can(actorOf(session.user), 'media.delete'),
      timeZone: site.timeZone,
      ...(isMediaNotice(done) && !extra.error ? { notice: done } : {}),
      ...(extra.error ? { error: extra.error } : {}),
    });
    return c.html(html, status);
  };

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    return session ? libraryPage(c, session) : toLogin(c);
  });

  app.post('/upload', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    try {
      const form = await readUploadForm(c);
      const { item, created } = await uploadMedia(deps, media, sessionPrincipal(session), {
        bytes: new Uint8Array(await form.file.arrayBuffer()),
        fileName: form.file.name,
        alt: form.text('alt') ?? '',
        caption: form.text('caption') ?? '',
        credit: form.text('credit') ?? '',
      });
      return c.redirect(`/admin/media/${item.id}?done=${created ? 'uploaded' : 'exists'}`, 303);
    } catch (e) {
      if (!isAppError(e) || !FIXABLE.includes(e.code) || wantsJson(c)) throw e;
      const retry = e.details?.['retryAfterSeconds'];
      if (typeof retry === 'number') c.header('Retry-After', String(retry));
      return libraryPage(c, session, { error: formErrorOf(adminContext(c), e) }, e.status);
    }
  });

  app.get(`/${ID}`, async (c) => {
    const session = c.get('adminSession');
    return session ? itemPage(c, session, Number(c.req.param('id'))) : toLogin(c);
  });

  app.post(`/${ID}`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    const f = await formFields(c);
    const fraction = (name: string) => {
      const v = f(name).trim();
      // Percent on the form, a fraction in the library; anything else is left for the service to refuse by name.
      return v === '' ? undefined : /^\d{1,3}(\.\d+)?$/.test(v) ? Number(v) / 100 : Number.NaN;
    };
    const input = { alt: f('alt'), caption: f('caption'), credit: f('credit'), focalX: fraction('focalX'), focalY: fraction('focalY') };
    try {
      await editMedia(deps, sessionPrincipal(session), id, input);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'VALIDATION_FAILED' || wantsJson(c)) throw e;
      // What was typed comes back in the form, with the message above it.
      const stored = view(await readMedia(deps, id));
      const typed = { ...stored, alt: input.alt, caption: input.caption, credit: input.credit };
      return itemPage(c, session, id, { error: formErrorOf(adminContext(c), e), item: typed }, 422);
    }
    return c.redirect(`/admin/media/${id}?done=saved`, 303);
  });

  app.post(`/${ID}/delete`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    try {
      await deleteMedia(deps, media, sessionPrincipal(session), id);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'MEDIA_IN_USE' || wantsJson(c)) throw e;
      const ids = (e.details?.['articles'] as number[] | undefined) ?? [];
      return itemPage(c, session, id, { error: inUse(adminContext(c), e, ids) }, 409);
    }
    return c.redirect('/admin/media?done=deleted', 303);
  });

  const cssEtag = `"${createHash('sha256').update(MEDIA_CSS).digest('base64url').slice(0, 27)}"`;
  app.get('/media.css', (c) => {
    c.header('ETag', cssEtag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === cssEtag) return c.body(null, 304);
    return c.body(MEDIA_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  return app;
}

function view(r: MediaRow): MediaItemView {
  return {
    id: r.id,
    src: r.path,
    width: r.width,
    height: r.height,
    mime: r.original_mime ?? r.mime,
    alt: r.alt,
    caption: r.caption,
    credit: r.credit,
    focalX: Number(r.focal_x),
    focalY: Number(r.focal_y),
    originalName: r.original_name,
    bytes: r.bytes,
    createdAt: r.created_at,
    renditions: parseRenditions(r.renditions),
  };
}
