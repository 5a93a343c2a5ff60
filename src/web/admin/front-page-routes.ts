import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { LOCALE_PATTERN } from '../../content/locales.js';
import type { SiteContext } from '../../content/site-context.js';
import { zonedLocalToUtc } from '../../content/zoned-time.js';
import { AppError, isAppError } from '../../errors.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { FRONT_PAGE_JS } from '../../render/admin/front-page-script.js';
import { FRONT_PAGE_CSS, formOf, isFrontNotice, renderFrontPageScreen, type FrontForm } from '../../render/admin/front-page-page.js';
import type { Deps } from '../../services/deps.js';
import { frontPageScreen, saveFrontPage } from '../../services/front-pages.js';
import { sessionPrincipal, type Session } from '../../services/sessions.js';
import { readForm } from '../body.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
import { assertSessionCsrf } from './csrf.js';
import { mustHaveSession, toLogin, wantsJson } from './guard.js';

// What a person can fix on the page: shown above the form with what they sent; anything else goes to the error page.
const FIXABLE = ['VALIDATION_FAILED', 'UNKNOWN_ARTICLE', 'WRONG_LOCALE', 'DUPLICATE_PIN', 'UNKNOWN_SECTION', 'TOO_MANY_TOP_STORIES'];

/** Where each button sends the editor back to: the part of the page they were working on. */
const placeOf = (op: string) => (op === 'save-lead' ? '#lead' : op.startsWith('section') ? '#sections' : op === 'save' ? '' : '#top');

/**
 * /admin/front-pages/{lang}: the front-page screen. Every button posts the whole form with an `op` (save, add, move
 * a row up or down, remove, reset the section order); the server applies it and saves, then sends the editor back
 * to the part of the page they were on. A refusal shows the form again as it was sent, with the reason.
 */
export function frontPageAdminRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const LOCALE = `:locale{${LOCALE_PATTERN}}`;

  const screen = async (
    c: Context,
    session: Session,
    locale: string,
    extra: { form?: FrontForm; version?: string; error?: FormError } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const data = await frontPageScreen(deps, sessionPrincipal(session), site.locales, locale);
    const sectionOrder = orderOfSections(
      data.sections.map((s) => s.slug),
      data.view.sections,
    );
    const done = c.req.query('done');
    return c.html(
      renderFrontPageScreen(adminContext(c), {
        locale,
        locales: site.locales,
        timeZone: site.timeZone,
        now: data.now,
        form: extra.form ?? formOf(data.view, sectionOrder, site.timeZone),
        version: extra.version ?? data.view.version,
        shown: data.view.shown,
        updatedAt: data.view.updatedAt,
        choices: data.choices,
        stories: data.stories,
        sections: data.sections,
        ...(isFrontNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  app.get('/', (c) => (c.get('adminSession') ? c.redirect(`/admin/front-pages/${site.defaultLocale}`, 302) : toLogin(c)));

  app.get(`/${LOCALE}`, async (c) => {
    const session = c.get('adminSession');
    return session ? screen(c, session, c.req.param('locale')) : toLogin(c);
  });

  app.post(`/${LOCALE}`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const locale = c.req.param('locale');
    const body = await readForm(c, { all: true });
    const all = (name: string): string[] => {
      const v = body[name];
      return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x : ''));
    };
    const one = (name: string) => all(name)[0]?.trim() ?? '';
    const op = one('op') || 'save';
    const baseVersion = one('baseVersion') || undefined;
    const tops = all('top');
    const untils = all('until');
    const form: FrontForm = {
      lead: /^\d{1,12}$/.test(one('lead')) ? Number(one('lead')) : null,
      top: tops.map((id, i) => ({ id: Number(id), until: (untils[i] ?? '').trim() })),
      sections: all('section'),
    };
    try {
      const next = applyOp(form, op, { add: one('addId') || one('add'), addUntil: one('addUntil') });
      await saveFrontPage(
        deps,
        sessionPrincipal(session),
        site.locales,
        locale,
        {
          lead: next.lead,
          top: next.top.map((t, i) => ({ articleId: t.id, until: untilOf(t.until, i, site.timeZone) })),
          sections: next.sections,
        },
        { baseVersion },
      );
      return c.redirect(`/admin/front-pages/${locale}?done=saved${placeOf(op)}`, 303);
    } catch (e) {
      if (isAppError(e) && e.code === 'FRONT_PAGE_CHANGED' && !wantsJson(c)) {
        // Their change is small (one button) and the page moved under it: show what is stored now, to redo it on.
        return screen(
          c,
          session,
          locale,
          {
            error: {
              text: 'Not saved: someone else changed this front page since you opened it.',
              hint: 'Below is the front page as it is now. Make your change again on it.',
            },
          },
          409,
        );
      }
      if (!isAppError(e) || !FIXABLE.includes(e.code) || wantsJson(c)) throw e;
      return screen(c, session, locale, { form, ...(baseVersion ? { version: baseVersion } : {}), error: formErrorOf(adminContext(c), e) }, 422);
    }
  });

  const cssEtag = `"${createHash('sha256').update(FRONT_PAGE_CSS).digest('base64url').slice(0, 27)}"`;
  app.get('/front-page.css', (c) => {
    c.header('ETag', cssEtag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === cssEtag) return c.body(null, 304);
    return c.body(FRONT_PAGE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  const jsEtag = `"${createHash('sha256').update(FRONT_PAGE_JS).digest('base64url').slice(0, 27)}"`;
  app.get('/front-page.js', (c) => {
    c.header('ETag', jsEtag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === jsEtag) return c.body(null, 304);
    return c.body(FRONT_PAGE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  return app;
}

/** Every section, the pinned order first: what the screen lists. */
function orderOfSections(all: string[], pinned: string[]): string[] {
  return [...pinned.filter((s) => all.includes(s)), ...all.filter((s) => !pinned.includes(s))];
}

const invalid = (field: string, message: string, hint: string) =>
  new AppError('VALIDATION_FAILED', message, { hint, details: { fields: { [field]: message } } });

/** A `datetime-local` value in TIMEZONE as an instant; '' is "no expiry". */
function untilOf(local: string, i: number, timeZone: string): string | null {
  if (!local) return null;
  const iso = zonedLocalToUtc(local, timeZone);
  if (!iso)
    throw invalid(
      `top.${i}.until`,
      `Top story ${i + 1}'s time "${local}" is not a date and time.`,
      'Pick a date and time, or leave it empty to keep the story until you unpin it.',
    );
  return iso;
}

/** The form after one button: rows moved, removed or added; "save" and the section reset need no row. */
export function applyOp(form: FrontForm, op: string, extra: { add: string; addUntil: string }): FrontForm {
  const swap = <T>(xs: T[], i: number, j: number): T[] => {
    if (i < 0 || j < 0 || i >= xs.length || j >= xs.length) return xs;
    const out = [...xs];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  };
  const m = /^(up|down|remove|section-up|section-down):(\d{1,3})$/.exec(op);
  if (m) {
    const i = Number(m[2]);
    switch (m[1]) {
      case 'up':
        return { ...form, top: swap(form.top, i, i - 1) };
      case 'down':
        return { ...form, top: swap(form.top, i, i + 1) };
      case 'remove':
        return { ...form, top: form.top.filter((_, j) => j !== i) };
      case 'section-up':
        return { ...form, sections: swap(form.sections, i, i - 1) };
      case 'section-down':
        return { ...form, sections: swap(form.sections, i, i + 1) };
    }
  }
  if (op === 'sections-reset') return { ...form, sections: [] };
  if (op === 'add') {
    if (!/^\d{1,12}$/.test(extra.add))
      throw invalid('add', 'Choose a story to add, or type its article id.', 'Pick one from the list, or type the number from its address in the admin.');
    return { ...form, top: [...form.top, { id: Number(extra.add), until: extra.addUntil }] };
  }
  return form;
}
