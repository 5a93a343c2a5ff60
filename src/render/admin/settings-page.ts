import { languageName } from '../../content/locales.js';
import { POLICY_LINKS, SOCIAL_NETWORKS, type PolicyLink, type SocialNetwork } from '../../content/site-context.js';
import { html, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { AdminMessages } from './admin-messages.js';
import type { FormError } from './auth-pages.js';

/**
 * /admin/settings: what editors decide about the whole publication (services/site-settings.ts), in one plain form
 * that works without JavaScript. What the operator set in the environment is shown apart, read-only.
 */

/** What the form shows: as stored, or as sent back with an error. */
export type SettingsForm = {
  siteName: Record<string, string>;
  tagline: Record<string, string>;
  logoMediaId: string;
  defaultLanguage: string;
  timeZone: string;
  social: Partial<Record<SocialNetwork, string>>;
  policies: Partial<Record<PolicyLink, string>>;
};

/** A library image that may be the logo. */
export type LogoChoice = { id: number; label: string; width: number; height: number };

const DONE = ['saved', 'logo'] as const;
export type SettingsNotice = (typeof DONE)[number];
export const isSettingsNotice = (s: string | undefined): s is SettingsNotice => !!s && (DONE as readonly string[]).includes(s);

function perLanguage(t: AdminMessages['settings'], locales: readonly string[], f: SettingsForm): Html {
  return html`<div class="grid">${locales.map(
    (l) =>
      html`<div lang="${l}"><label for="${`name-${l}`}">${t.nameIn(languageName(l))}</label><input id="${`name-${l}`}" name="${`name-${l}`}" type="text" maxlength="100" value="${f.siteName[l] ?? ''}"/><label for="${`tagline-${l}`}">${t.taglineIn(languageName(l))} <span class="note">${t.optional}</span></label><input id="${`tagline-${l}`}" name="${`tagline-${l}`}" type="text" maxlength="200" value="${f.tagline[l] ?? ''}"/></div>`,
  )}</div><p class="note">${t.nameNote}</p>`;
}

export function renderSettingsScreen(
  ctx: AdminContext,
  p: {
    locales: readonly string[];
    form: SettingsForm;
    logo: { url: string; width: number; height: number } | null;
    choices: LogoChoice[];
    timeZones: readonly string[];
    environment: { siteUrl: string; envSiteName: string };
    minLogo: number;
    notice?: SettingsNotice;
    error?: FormError;
  },
) {
  const f = p.form;
  const t = ctx.t.settings;
  const logoOptions = html`<option value=""${f.logoMediaId === '' ? html` selected=""` : null}>${t.monogram}</option>${p.choices.map(
    (c) =>
      html`<option value="${String(c.id)}"${f.logoMediaId === String(c.id) ? html` selected=""` : null}>#${String(c.id)} ${c.label} (${String(c.width)} × ${String(c.height)})</option>`,
  )}`;
  const form = html`<form method="post" action="/admin/settings">${CsrfField({ token: ctx.csrfToken })}<section class="card" aria-labelledby="name-h"><h2 id="name-h">${t.nameTitle}</h2>${perLanguage(
    t,
    p.locales,
    f,
  )}</section><section class="card" aria-labelledby="logo-h"><h2 id="logo-h">${t.logoTitle}</h2>${
    p.logo
      ? html`<p class="logo-now"><img src="${p.logo.url}" alt="${t.currentLogo}" width="${String(p.logo.width)}" height="${String(p.logo.height)}"/></p>`
      : html`<p>${t.noLogo}</p>`
  }<label for="logo">${t.logoImage}</label><select id="logo" name="logoMediaId" aria-describedby="logo-note">${logoOptions}</select><p class="note" id="logo-note">${t.logoNote(html`<a href="/admin/media">${t.mediaLibrary}</a>`, String(p.minLogo))}</p></section><section class="card" aria-labelledby="lang-h"><h2 id="lang-h">${t.languageTitle}</h2><div class="grid"><div><label for="default-language">${t.defaultLanguage}</label><select id="default-language" name="defaultLanguage" aria-describedby="default-language-note">${p.locales.map(
    (l) => html`<option value="${l}"${f.defaultLanguage === l ? html` selected=""` : null}>${languageName(l)} (${l})</option>`,
  )}</select><p class="note" id="default-language-note">${t.defaultLanguageNote}</p></div><div><label for="time-zone">${t.timeZone}</label><input id="time-zone" name="timeZone" type="text" list="time-zones" required="" maxlength="64" autocomplete="off" value="${f.timeZone}" aria-describedby="time-zone-note"/><datalist id="time-zones">${p.timeZones.map(
    (z) => html`<option value="${z}"></option>`,
  )}</datalist><p class="note" id="time-zone-note">${t.timeZoneNote}</p></div></div></section><section class="card" aria-labelledby="social-h"><h2 id="social-h">${t.socialTitle}</h2><p class="note">${t.socialNote}</p><div class="grid">${SOCIAL_NETWORKS.map(
    (n) =>
      html`<div><label for="${`social-${n}`}">${t.social[n] ?? n}</label><input id="${`social-${n}`}" name="${`social-${n}`}" type="${n === 'x' ? 'text' : 'url'}" maxlength="500" value="${f.social[n] ?? ''}"${n === 'x' ? null : html` placeholder="https://"`}/></div>`,
  )}</div></section><section class="card" aria-labelledby="policies-h"><h2 id="policies-h">${t.policiesTitle}</h2><p class="note">${t.policiesNote}</p><div class="grid">${POLICY_LINKS.map(
    (k) =>
      html`<div><label for="${`policy-${k}`}">${t.policies[k] ?? k}</label><input id="${`policy-${k}`}" name="${`policy-${k}`}" type="text" maxlength="500" value="${f.policies[k] ?? ''}"/></div>`,
  )}</div></section><div class="actions"><button type="submit">${t.save}</button></div></form>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'settings',
      children: html`<h1>${t.title}</h1>${p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'settings-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }${form}<section class="card" aria-labelledby="upload-h"><h2 id="upload-h">${t.uploadTitle}</h2><form method="post" action="/admin/settings/logo" enctype="multipart/form-data">${CsrfField(
        {
          token: ctx.csrfToken,
        },
      )}<label for="logo-file">${t.logoFile}</label><input id="logo-file" name="file" type="file" required="" accept="image/png,image/jpeg,image/webp,image/avif" aria-describedby="logo-file-note"/><p class="note" id="logo-file-note">${t.logoFileNote(String(p.minLogo))}</p><label for="logo-alt">${t.altText} <span class="note">${t.altNote}</span></label><input id="logo-alt" name="alt" type="text" maxlength="500"/><div class="actions"><button type="submit" class="secondary">${t.upload}</button></div></form></section><section class="card" aria-labelledby="env-h"><h2 id="env-h">${t.envTitle}</h2><p class="note">${t.envNote}</p><dl><dt>${t.siteUrl}</dt><dd>${p.environment.siteUrl}</dd><dt>${t.languages}</dt><dd>${p.locales.join(', ')}</dd><dt>${t.envSiteName}</dt><dd>${p.environment.envSiteName}</dd></dl></section>`,
    }),
  );
}
