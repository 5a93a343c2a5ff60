import { languageName } from '../../content/locales.js';
import { POLICY_LINKS, SOCIAL_NETWORKS, type PolicyLink, type SocialNetwork } from '../../content/site-context.js';
import { html, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
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

const SOCIAL_LABEL: Record<SocialNetwork, string> = {
  x: 'X (Twitter): @handle or profile address',
  facebook: 'Facebook page',
  instagram: 'Instagram',
  telegram: 'Telegram channel',
  youtube: 'YouTube channel',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  mastodon: 'Mastodon',
  vk: 'VK',
};

const POLICY_LABEL: Record<PolicyLink, string> = {
  publishingPrinciples: 'Publishing principles',
  ethicsPolicy: 'Ethics policy',
  correctionsPolicy: 'Corrections policy',
  masthead: 'Masthead (who is who in the newsroom)',
  ownershipFundingInfo: 'Ownership and funding',
};

const DONE = {
  saved: 'Settings saved. Every page shows them from the next request on.',
  logo: 'Logo uploaded and chosen. Every page shows it from the next request on.',
} as const;
export type SettingsNotice = keyof typeof DONE;
export const isSettingsNotice = (s: string | undefined): s is SettingsNotice => !!s && s in DONE;

function perLanguage(locales: readonly string[], f: SettingsForm): Html {
  return html`<div class="grid">${locales.map(
    (l) =>
      html`<div lang="${l}"><label for="${`name-${l}`}">Name in ${languageName(l)}</label><input id="${`name-${l}`}" name="${`name-${l}`}" type="text" maxlength="100" value="${f.siteName[l] ?? ''}"/><label for="${`tagline-${l}`}">Tagline in ${languageName(l)} <span class="note">(optional)</span></label><input id="${`tagline-${l}`}" name="${`tagline-${l}`}" type="text" maxlength="200" value="${f.tagline[l] ?? ''}"/></div>`,
  )}</div><p class="note">A language without a name shows the default language’s. The tagline is the home page’s description and the footer’s line.</p>`;
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
  const logoOptions = html`<option value=""${f.logoMediaId === '' ? html` selected=""` : null}>None: the monogram (first letter of the name)</option>${p.choices.map(
    (c) =>
      html`<option value="${String(c.id)}"${f.logoMediaId === String(c.id) ? html` selected=""` : null}>#${String(c.id)} ${c.label} (${String(c.width)} × ${String(c.height)})</option>`,
  )}`;
  const form = html`<form method="post" action="/admin/settings">${CsrfField({ token: ctx.csrfToken })}<section class="card" aria-labelledby="name-h"><h2 id="name-h">Name and tagline</h2>${perLanguage(
    p.locales,
    f,
  )}</section><section class="card" aria-labelledby="logo-h"><h2 id="logo-h">Logo</h2>${
    p.logo
      ? html`<p class="logo-now"><img src="${p.logo.url}" alt="The current logo" width="${String(p.logo.width)}" height="${String(p.logo.height)}"/></p>`
      : html`<p>No logo chosen: pages show the monogram.</p>`
  }<label for="logo">Logo image</label><select id="logo" name="logoMediaId" aria-describedby="logo-note">${logoOptions}</select><p class="note" id="logo-note">An image from the <a href="/admin/media">media library</a>, at least ${String(
    p.minLogo,
  )} × ${String(p.minLogo)} pixels (only images that large are listed; or upload a new one below). Search engines get it in the structured data and social networks as the home page’s share image, each at the size they ask for.</p></section><section class="card" aria-labelledby="lang-h"><h2 id="lang-h">Language and time</h2><div class="grid"><div><label for="default-language">Default language</label><select id="default-language" name="defaultLanguage" aria-describedby="default-language-note">${p.locales.map(
    (l) => html`<option value="${l}"${f.defaultLanguage === l ? html` selected=""` : null}>${languageName(l)} (${l})</option>`,
  )}</select><p class="note" id="default-language-note">What the site’s root address (/) shows.</p></div><div><label for="time-zone">Time zone</label><input id="time-zone" name="timeZone" type="text" list="time-zones" required="" maxlength="64" autocomplete="off" value="${f.timeZone}" aria-describedby="time-zone-note"/><datalist id="time-zones">${p.timeZones.map(
    (z) => html`<option value="${z}"></option>`,
  )}</datalist><p class="note" id="time-zone-note">For dates on pages and scheduling, e.g. Asia/Almaty.</p></div></div></section><section class="card" aria-labelledby="social-h"><h2 id="social-h">Social accounts</h2><p class="note">Listed as the publication’s profiles in search engines’ structured data; the X account also goes in each page’s twitter:site.</p><div class="grid">${SOCIAL_NETWORKS.map(
    (n) =>
      html`<div><label for="${`social-${n}`}">${SOCIAL_LABEL[n]}</label><input id="${`social-${n}`}" name="${`social-${n}`}" type="${n === 'x' ? 'text' : 'url'}" maxlength="500" value="${f.social[n] ?? ''}"${n === 'x' ? null : html` placeholder="https://"`}/></div>`,
  )}</div></section><section class="card" aria-labelledby="policies-h"><h2 id="policies-h">Policies</h2><p class="note">Links to the pages where the newsroom explains itself (the Trust Project’s indicators), for search engines. A full address, or a path on this site such as /en/ethics.</p><div class="grid">${POLICY_LINKS.map(
    (k) =>
      html`<div><label for="${`policy-${k}`}">${POLICY_LABEL[k]}</label><input id="${`policy-${k}`}" name="${`policy-${k}`}" type="text" maxlength="500" value="${f.policies[k] ?? ''}"/></div>`,
  )}</div></section><div class="actions"><button type="submit">Save the settings</button></div></form>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Settings',
      current: 'settings',
      children: html`<h1>Settings</h1>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'settings-error', text: p.error.text, hint: p.error.hint }) : null
      }${form}<section class="card" aria-labelledby="upload-h"><h2 id="upload-h">Upload a new logo</h2><form method="post" action="/admin/settings/logo" enctype="multipart/form-data">${CsrfField(
        {
          token: ctx.csrfToken,
        },
      )}<label for="logo-file">Logo file</label><input id="logo-file" name="file" type="file" required="" accept="image/png,image/jpeg,image/webp,image/avif" aria-describedby="logo-file-note"/><p class="note" id="logo-file-note">PNG, JPEG, WebP or AVIF, at least ${String(
        p.minLogo,
      )} × ${String(p.minLogo)} pixels. It goes into the media library and becomes the logo at once.</p><label for="logo-alt">Alt text <span class="note">(optional: the publication’s name by default)</span></label><input id="logo-alt" name="alt" type="text" maxlength="500"/><div class="actions"><button type="submit" class="secondary">Upload and use as the logo</button></div></form></section><section class="card" aria-labelledby="env-h"><h2 id="env-h">Set by the operator</h2><p class="note">These come from the server’s environment (README.md, “Configuration”) and change only with a restart.</p><dl><dt>Site address (SITE_URL)</dt><dd>${p.environment.siteUrl}</dd><dt>Languages (LOCALES)</dt><dd>${p.locales.join(', ')}</dd><dt>First-start name (SITE_NAME)</dt><dd>${p.environment.envSiteName}</dd></dl></section>`,
    }),
  );
}
