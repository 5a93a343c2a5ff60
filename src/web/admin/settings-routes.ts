import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../../errors.js';
import { POLICY_LINKS, SOCIAL_NETWORKS, type SiteContext } from '../../content/site-context.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { isSettingsNotice, renderSettingsScreen, type LogoChoice, type SettingsForm } from '../../render/admin/settings-page.js';
import { assertCan } from '../../services/assert-can.js';
import type { Deps } from '../../services/deps.js';
import { listMediaItems, uploadMedia, type MediaOptions } from '../../services/media.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import { LOGO_MIN_PX, logoOf, settingsDefaults, siteSettingsOf, updateSiteSettings, type SiteSettings } from '../../services/site-settings.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
import { assertSessionCsrf } from './csrf.js';
import { attemptForm } from './form-attempt.js';
import { formFields, mustHaveSession, toLogin, wantsJson } from './guard.js';
import { readUploadForm } from '../media-upload.js';

const FIXABLE = ['VALIDATION_FAILED'];
// The logo's upload can also be refused for its file, or asked to wait while the server is busy.
const UPLOAD_FIXABLE = ['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA', 'MEDIA_TOO_LARGE', 'MEDIA_BUSY'];
// The newest library images offered as the logo; an older one is chosen through the API (logoMediaId).
const LOGO_CHOICES = 100;

let timeZones: readonly string[] | undefined;
const allTimeZones = () => (timeZones ??= Intl.supportedValuesOf('timeZone'));

const formOf = (s: SiteSettings): SettingsForm => ({
  siteName: s.siteName,
  tagline: s.tagline,
  logoMediaId: s.logo ? String(s.logo.mediaId) : '',
  defaultLanguage: s.defaultLanguage,
  timeZone: s.timeZone,
  social: s.social,
  policies: s.policies,
});

/** /admin/settings: the publication's settings, for those the policy lets change them (`settings.edit`: admins). */
export function settingsAdminRoutes(deps: Deps, site: SiteContext, media: MediaOptions) {
  const app = new Hono();

  const screen = async (c: Context, session: Session, extra: { form?: SettingsForm; error?: FormError } = {}, status: ContentfulStatusCode = 200) => {
    assertCan(actorOf(session.user), 'settings.edit');
    const ctx = adminContext(c);
    const [settings, media] = await Promise.all([siteSettingsOf(deps, site), listMediaItems(deps, { limit: LOGO_CHOICES })]);
    const choices: LogoChoice[] = media.items
      .filter((m) => m.width >= LOGO_MIN_PX && m.height >= LOGO_MIN_PX && logoOf(m))
      .map((m) => ({ id: m.id, label: m.alt.trim() || m.original_name || ctx.t.settings.untitledImage, width: m.width, height: m.height }));
    // The chosen logo stays in the list even when it is older than the newest images.
    if (settings.logo && !choices.some((x) => x.id === settings.logo!.mediaId)) {
      choices.unshift({
        id: settings.logo.mediaId,
        label: settings.logo.alt || ctx.t.settings.currentLogoLabel,
        width: settings.logo.large.width,
        height: settings.logo.large.height,
      });
    }
    const done = c.req.query('done');
    return c.html(
      renderSettingsScreen(ctx, {
        locales: site.locales,
        form: extra.form ?? formOf(settings),
        logo: settings.logo?.small ?? null,
        choices,
        timeZones: allTimeZones(),
        environment: { siteUrl: site.siteUrl, envSiteName: settingsDefaults(site).siteName },
        minLogo: LOGO_MIN_PX,
        ...(isSettingsNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    return session ? screen(c, session) : toLogin(c);
  });

  app.post('/', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const field = await formFields(c);
    const form: SettingsForm = {
      siteName: Object.fromEntries(site.locales.map((l) => [l, field(`name-${l}`).trim()])),
      tagline: Object.fromEntries(site.locales.map((l) => [l, field(`tagline-${l}`).trim()])),
      logoMediaId: field('logoMediaId').trim(),
      defaultLanguage: field('defaultLanguage').trim(),
      timeZone: field('timeZone').trim(),
      social: Object.fromEntries(SOCIAL_NETWORKS.map((n) => [n, field(`social-${n}`).trim()])),
      policies: Object.fromEntries(POLICY_LINKS.map((k) => [k, field(`policy-${k}`).trim()])),
    };
    const blankAsNull = (r: Record<string, string | undefined>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ? v : null]));
    return attemptForm(
      c,
      FIXABLE,
      async () => {
        await updateSiteSettings(deps, sessionPrincipal(session), site, {
          siteName: blankAsNull(form.siteName),
          tagline: blankAsNull(form.tagline),
          logoMediaId: /^\d{1,12}$/.test(form.logoMediaId) ? Number(form.logoMediaId) : null,
          defaultLanguage: form.defaultLanguage,
          timeZone: form.timeZone,
          social: blankAsNull(form.social),
          policies: blankAsNull(form.policies),
        });
        return '/admin/settings?done=saved';
      },
      (error) => screen(c, session, { form, error }, 422),
    );
  });

  // A new logo in one step: into the media library (renditions and all), then chosen, as the select would.
  app.post('/logo', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    assertCan(actorOf(session.user), 'settings.edit');
    try {
      const form = await readUploadForm(c);
      const { item } = await uploadMedia(deps, media, sessionPrincipal(session), {
        bytes: new Uint8Array(await form.file.arrayBuffer()),
        fileName: form.file.name,
        alt: form.text('alt')?.trim() || site.siteName,
      });
      await updateSiteSettings(deps, sessionPrincipal(session), site, { logoMediaId: item.id });
      return c.redirect('/admin/settings?done=logo', 303);
    } catch (e) {
      if (!isAppError(e) || !UPLOAD_FIXABLE.includes(e.code) || wantsJson(c)) throw e;
      const retry = e.details?.['retryAfterSeconds'];
      if (typeof retry === 'number') c.header('Retry-After', String(retry));
      return screen(c, session, { error: formErrorOf(adminContext(c), e) }, e.status as ContentfulStatusCode);
    }
  });

  return app;
}
