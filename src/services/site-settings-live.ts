import { renditionsOf, parseRenditions } from '../content/media.js';
import {
  POLICY_LINKS,
  SOCIAL_NETWORKS,
  type PolicyLink,
  type SiteBrand,
  type SiteContext,
  type SiteLogo,
  type SocialNetwork,
} from '../content/site-context.js';
import { logoCandidate, readSiteSettingRows } from '../db/site-settings-repo.js';
import type { Deps } from './deps.js';

/**
 * The publication's settings (issue 13): what editors decide about the whole site, kept in the database and edited
 * in the admin (/admin/settings) and the Admin API (/settings). What the operator decides (ports, database, mail, the
 * site's address and languages) stays in the environment; the environment's SITE_NAME, DEFAULT_LOCALE and TIMEZONE
 * are the values until someone saves others.
 *
 * Pages never read settings from the database: they are loaded into the live SiteContext at start and again when
 * they change (here after a save; on another instance when the change bus says `settings`), so a cached page's hot
 * path stays a Map lookup.
 *
 * This module is what a server needs to read them, and nothing more (no zod): a start serving readers loads it;
 * changing them (site-settings.ts) loads with the admin.
 */

/** Announced with a full purge when settings change: other instances reload them before re-rendering. */
export const SETTINGS_CHANGED = 'settings';

/** The smallest side of a logo: Google asks 112 px for a publisher's logo, Facebook 200 px for og:image. */
export const LOGO_MIN_PX = 200;
/** The og:image and JSON-LD logo: the largest JPEG rendition up to this width (social networks show 1200 px). */
const LOGO_LARGE_MAX = 1280;

/** The settings as the API and the admin show them. */
export type SiteSettings = {
  siteName: Record<string, string>;
  tagline: Record<string, string>;
  logo: SiteLogo | null;
  defaultLanguage: string;
  timeZone: string;
  social: Partial<Record<SocialNetwork, string>>;
  policies: Partial<Record<PolicyLink, string>>;
  updatedAt: string | null;
};

/** What the environment said at start: the values of settings nobody has saved. */
export type SettingsDefaults = { siteName: string; defaultLocale: string; timeZone: string; locales: readonly string[] };

const defaultsBySite = new WeakMap<SiteContext, SettingsDefaults>();

/** The environment's values for this live site, remembered before settings first change it. */
export function settingsDefaults(site: SiteContext): SettingsDefaults {
  let d = defaultsBySite.get(site);
  if (!d) defaultsBySite.set(site, (d = { siteName: site.siteName, defaultLocale: site.defaultLocale, timeZone: site.timeZone, locales: site.locales }));
  return d;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const parseJson = (s: string | undefined): unknown => {
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

const stringRecord = (v: unknown, keys?: readonly string[]): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter(([k, s]) => typeof s === 'string' && s.trim() && (!keys || keys.includes(k))))
    : {};

/** The logo's files from a library image: null when it is missing or has no raster renditions (a plain file). */
export function logoOf(row: { id: number; alt: string | null; renditions: string | null } | undefined): SiteLogo | null {
  if (!row) return null;
  const jpegs = renditionsOf({ renditions: parseRenditions(row.renditions) }, 'jpeg');
  if (jpegs.length === 0) return null;
  const small = jpegs[0]!;
  const large = jpegs.filter((r) => r.width <= LOGO_LARGE_MAX).at(-1) ?? small;
  const file = (r: typeof small) => ({ url: r.path, width: r.width, height: r.height });
  return { mediaId: row.id, alt: row.alt ?? '', small: file(small), large: file(large) };
}

/** The stored settings over the environment's defaults. */
export async function readSiteSettings(deps: Deps, defaults: SettingsDefaults): Promise<SiteSettings> {
  const k = deps.db.kysely;
  const rows = await readSiteSettingRows(k);
  const value = (key: string) => parseJson(rows.get(key)?.value);
  const logoId = value('logoMediaId');
  const logo = typeof logoId === 'number' ? logoOf(await logoCandidate(k, logoId)) : null;
  const lang = value('defaultLanguage');
  const tz = value('timeZone');
  const names = stringRecord(value('siteName'), defaults.locales);
  let updatedAt: string | null = null;
  for (const r of rows.values()) if (!updatedAt || r.updatedAt > updatedAt) updatedAt = r.updatedAt;
  return {
    // Without a saved name the default language shows the environment's SITE_NAME: every page has a name.
    siteName: Object.keys(names).length ? names : { [defaults.defaultLocale]: defaults.siteName },
    tagline: stringRecord(value('tagline'), defaults.locales),
    logo,
    defaultLanguage: typeof lang === 'string' && defaults.locales.includes(lang) ? lang : defaults.defaultLocale,
    timeZone: typeof tz === 'string' && isTimeZone(tz) ? tz : defaults.timeZone,
    social: stringRecord(value('social'), SOCIAL_NETWORKS) as SiteSettings['social'],
    policies: stringRecord(value('policies'), POLICY_LINKS) as SiteSettings['policies'],
    updatedAt,
  };
}

/**
 * Puts settings into the live site that every route holds. The editor-decided fields are replaced in one synchronous
 * step and `brand` by a new object, so no render sees half of a change and every per-site cache starts over.
 */
export function applySiteSettings(site: SiteContext, s: SiteSettings): void {
  const defaults = settingsDefaults(site);
  const brand: SiteBrand = { names: s.siteName, taglines: s.tagline, logo: s.logo, social: s.social, policies: s.policies };
  site.siteName = s.siteName[s.defaultLanguage]?.trim() || Object.values(s.siteName)[0] || defaults.siteName;
  site.defaultLocale = s.defaultLanguage;
  site.timeZone = s.timeZone;
  site.brand = brand;
}

/** Reads the settings and puts them into the live site: at start, and when another instance says they changed. */
export async function loadSiteSettings(deps: Deps, site: SiteContext): Promise<SiteSettings> {
  const s = await readSiteSettings(deps, settingsDefaults(site));
  applySiteSettings(site, s);
  return s;
}

/**
 * Reads the settings again and puts them into the live site when they differ from what it holds; says whether they
 * did. For changes this process did not make: another instance's save, or a write to the SQLite file by another one.
 */
export async function reloadSiteSettings(deps: Deps, site: SiteContext): Promise<boolean> {
  const s = await readSiteSettings(deps, settingsDefaults(site));
  const b = site.brand;
  const same =
    b !== undefined &&
    site.defaultLocale === s.defaultLanguage &&
    site.timeZone === s.timeZone &&
    JSON.stringify([b.names, b.taglines, b.logo, b.social, b.policies]) === JSON.stringify([s.siteName, s.tagline, s.logo, s.social, s.policies]);
  if (!same) applySiteSettings(site, s);
  return !same;
}

/** The settings as stored (the admin's and the API's GET). */
export const siteSettingsOf = (deps: Deps, site: SiteContext): Promise<SiteSettings> => readSiteSettings(deps, settingsDefaults(site));
