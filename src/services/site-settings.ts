import { z } from 'zod';
import { renditionsOf, parseRenditions } from '../content/media.js';
import { auditActor, type Principal } from '../content/principal.js';
import {
  POLICY_LINKS,
  SOCIAL_NETWORKS,
  type PolicyLink,
  type SiteBrand,
  type SiteContext,
  type SiteLogo,
  type SocialNetwork,
} from '../content/site-context.js';
import { insertAudit } from '../db/audit-repo.js';
import { logoCandidate, readSiteSettingRows, writeSiteSetting } from '../db/site-settings-repo.js';
import { AppError, parseFields, validationFailed } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';

/**
 * The publication's settings (issue 13): what editors decide about the whole site, kept in the database and edited
 * in the admin (/admin/settings) and the Admin API (/settings). What the operator decides (ports, database, mail, the
 * site's address and languages) stays in the environment; the environment's SITE_NAME, DEFAULT_LOCALE and TIMEZONE
 * are the values until someone saves others.
 *
 * Pages never read settings from the database: they are loaded into the live SiteContext at start and again when
 * they change (here after a save; on another instance when the change bus says `settings`), so a cached page's hot
 * path stays a Map lookup.
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

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().max(max);
const perLanguage = (max: number) => z.record(z.string(), text(max).nullable());
const webUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => s === '' || (/^https?:\/\/[^\s/]+\.[^\s]*$/.test(s) && URL.canParse(s)), 'a full address starting with https://');
/** A policy link: a full URL, or a path on this site ("/en/ethics": the Pages of issue 13). */
const policyLink = z
  .string()
  .trim()
  .max(500)
  .refine(
    (s) => s === '' || (s.startsWith('/') && !s.startsWith('//') && !/\s/.test(s)) || (/^https?:\/\//.test(s) && URL.canParse(s)),
    'a full https:// address or a path on this site starting with /',
  );
const xAccount = z
  .string()
  .trim()
  .max(200)
  .refine((s) => s === '' || /^(?:https?:\/\/(?:www\.)?(?:twitter|x)\.com\/)?@?[A-Za-z0-9_]{1,15}\/?$/.test(s), 'an X handle (@name) or its profile address');

export const SettingsPatch = z.strictObject({
  siteName: perLanguage(100).optional(),
  tagline: perLanguage(200).optional(),
  logoMediaId: z.number().int().positive().nullable().optional(),
  defaultLanguage: z.string().optional(),
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'an IANA time zone, such as Asia/Almaty or Europe/London').optional(),
  social: z
    .strictObject(
      Object.fromEntries(SOCIAL_NETWORKS.map((n) => [n, (n === 'x' ? xAccount : webUrl).nullable().optional()])) as Record<
        SocialNetwork,
        z.ZodOptional<z.ZodNullable<z.ZodString>>
      >,
    )
    .optional(),
  policies: z
    .strictObject(
      Object.fromEntries(POLICY_LINKS.map((p) => [p, policyLink.nullable().optional()])) as Record<PolicyLink, z.ZodOptional<z.ZodNullable<z.ZodString>>>,
    )
    .optional(),
});
export type SettingsPatchInput = z.input<typeof SettingsPatch>;

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

/**
 * Saves what is sent (a key left out stays as it is; in `siteName`, `tagline`, `social` and `policies` a language or
 * a key set to null or "" is cleared), puts it into the live site and purges every cached page: the next request
 * renders with the new settings, and other instances reload them when the change reaches them.
 */
export async function updateSiteSettings(deps: Deps, who: Principal, site: SiteContext, raw: unknown): Promise<SiteSettings> {
  assertCan(who.actor, 'settings.edit');
  const input = parseFields(SettingsPatch, raw, 'settings', { plural: true });
  const defaults = settingsDefaults(site);
  const locales = defaults.locales;
  const bad: Record<string, string> = {};
  for (const field of ['siteName', 'tagline'] as const) {
    for (const l of Object.keys(input[field] ?? {})) if (!locales.includes(l)) bad[`${field}.${l}`] = `not one of the site's languages (${locales.join(', ')})`;
  }
  if (input.defaultLanguage !== undefined && !locales.includes(input.defaultLanguage)) {
    bad['defaultLanguage'] = `one of the site's languages (${locales.join(', ')}); LOCALES in the environment decides which they are`;
  }
  if (Object.keys(bad).length) throw validationFailed('settings', bad, { plural: true });

  const k = deps.db.kysely;
  if (typeof input.logoMediaId === 'number') {
    const row = await logoCandidate(k, input.logoMediaId);
    if (!row) {
      throw new AppError('VALIDATION_FAILED', `No image in the media library has the id ${input.logoMediaId}.`, {
        hint: 'Upload the logo to the media library first (/admin/media or POST /api/admin/v1/media), then choose it.',
        details: { fields: { logoMediaId: 'no such image' } },
      });
    }
    const logo = logoOf(row);
    if (!logo || row.width < LOGO_MIN_PX || row.height < LOGO_MIN_PX) {
      throw new AppError('VALIDATION_FAILED', `The image ${row.id} (${row.width} × ${row.height}, ${row.mime}) cannot be the logo.`, {
        hint: `Choose an uploaded raster image (PNG, JPEG, WebP) at least ${LOGO_MIN_PX} × ${LOGO_MIN_PX} pixels; a square of 512 pixels or more suits search engines and social networks.`,
        details: { fields: { logoMediaId: logo ? `smaller than ${LOGO_MIN_PX} × ${LOGO_MIN_PX} pixels` : 'not an uploaded raster image' } },
      });
    }
  }

  const now = nowIso(deps);
  const current = await readSiteSettings(deps, defaults);
  const merge = (before: Record<string, string>, patch: Record<string, string | null | undefined> | undefined) => {
    const out = { ...before };
    for (const [key, v] of Object.entries(patch ?? {})) {
      if (v === undefined) continue;
      if (v === null || v.trim() === '') delete out[key];
      else out[key] = v.trim();
    }
    return out;
  };
  const writes: [string, unknown][] = [];
  if (input.siteName) writes.push(['siteName', merge(current.siteName, input.siteName)]);
  if (input.tagline) writes.push(['tagline', merge(current.tagline, input.tagline)]);
  if (input.logoMediaId !== undefined) writes.push(['logoMediaId', input.logoMediaId]);
  if (input.defaultLanguage !== undefined) writes.push(['defaultLanguage', input.defaultLanguage]);
  if (input.timeZone !== undefined) writes.push(['timeZone', input.timeZone]);
  if (input.social) writes.push(['social', merge(current.social, input.social)]);
  if (input.policies) writes.push(['policies', merge(current.policies, input.policies)]);
  const names = writes.find(([key]) => key === 'siteName')?.[1] as Record<string, string> | undefined;
  if (names && Object.keys(names).length === 0) {
    throw validationFailed(
      'settings',
      { siteName: 'a name in at least one language' },
      { plural: true, hint: 'The publication needs a name; change it rather than clear it.' },
    );
  }
  // Only what changed is stored: a setting nobody changed keeps following the environment (a form sends every field).
  const before: Record<string, unknown> = { ...current, logoMediaId: current.logo?.mediaId ?? null };
  const changed = writes.filter(([key, v]) => JSON.stringify(v) !== JSON.stringify(before[key]));
  if (changed.length === 0) return current;

  await k.transaction().execute(async (trx) => {
    for (const [key, v] of changed) await writeSiteSetting(trx, key, JSON.stringify(v), now, who.userId);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'settings.updated',
      subjectType: 'settings',
      subjectId: null,
      details: { fields: changed.map(([key]) => key), ...via },
    });
  });
  const saved = await loadSiteSettings(deps, site);
  // Every page shows the name and the logo: all of them go, and the next request renders with the new ones.
  await deps.changes.publish(['*', SETTINGS_CHANGED]);
  return saved;
}
