import { z } from 'zod';
import { auditActor, type Principal } from '../content/principal.js';
import { POLICY_LINKS, SOCIAL_NETWORKS, type PolicyLink, type SiteContext, type SocialNetwork } from '../content/site-context.js';
import { insertAudit } from '../db/audit-repo.js';
import { logoCandidate, writeSiteSetting } from '../db/site-settings-repo.js';
import { AppError, parseFields, validationFailed } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import {
  isTimeZone,
  loadSiteSettings,
  LOGO_MIN_PX,
  logoOf,
  readSiteSettings,
  SETTINGS_CHANGED,
  settingsDefaults,
  type SiteSettings,
} from './site-settings-live.js';

/** Changing the publication's settings (reading them, and the live site context: site-settings-live.ts). */

export * from './site-settings-live.js';

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
