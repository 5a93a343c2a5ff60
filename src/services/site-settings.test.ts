import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps } from '#test/fixtures.js';
import { TEST_SITE } from '#test/site.js';
import { siteIn, type SiteContext } from '../content/site-context.js';
import { userPrincipal, type Principal } from '../content/principal.js';
import { listAudit } from '../db/audit-repo.js';
import { insertMedia } from '../db/media-repo.js';
import { readSiteSettingRows } from '../db/site-settings-repo.js';
import { AppError } from '../errors.js';
import { loadSiteSettings, reloadSiteSettings, SETTINGS_CHANGED, siteSettingsOf, updateSiteSettings } from './site-settings.js';
import { createUser } from './create-user.js';

const renditions = (w: number, h: number, widths: number[]) =>
  JSON.stringify(
    widths.flatMap((x) =>
      (['avif', 'webp', 'jpeg'] as const).map((format) => ({
        format,
        width: x,
        height: Math.round((x * h) / w),
        path: `/media/r/logo-${x}.${format === 'jpeg' ? 'jpg' : format}`,
        bytes: 1000,
      })),
    ),
  );

async function addImage(db: OpenedDb['db'], sha: string, width: number, height: number, widths: number[]) {
  return insertMedia(db.kysely, {
    path: `/media/r/logo-${width}.jpg`,
    mime: 'image/jpeg',
    width,
    height,
    alt: 'Logo',
    caption: null,
    credit: null,
    sha256: sha,
    bytes: 1000,
    originalName: 'logo.png',
    originalMime: 'image/png',
    uploadedBy: null,
    renditions: renditions(width, height, widths),
    searchText: 'logo',
    now: '2026-11-01T00:00:00.000Z',
  });
}

forEachEngine('site settings: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let admin: Principal;
  let editor: Principal;
  let site: SiteContext;
  const announced: string[][] = [];
  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    deps.changes.subscribe((keys) => announced.push(keys));
    const a = await createUser(deps, { email: 'admin@example.org', name: 'Admin', role: 'admin', password: 'correct horse battery staple' });
    const e = await createUser(deps, { email: 'editor@example.org', name: 'Editor', role: 'editor', password: 'correct horse battery staple' });
    admin = userPrincipal({ id: a.id, role: 'admin', active: true });
    editor = userPrincipal({ id: e.id, role: 'editor', active: true });
    site = { ...TEST_SITE };
  });
  afterAll(() => opened.cleanup());

  it('starts from the environment: no rows, the name, language and time zone of the configuration', async () => {
    const s = await loadSiteSettings(deps, site);
    expect(s).toMatchObject({
      siteName: { en: 'Masthead Demo' },
      tagline: {},
      logo: null,
      defaultLanguage: 'en',
      timeZone: 'Asia/Almaty',
      social: {},
      policies: {},
    });
    expect((await readSiteSettingRows(opened.db.kysely)).size).toBe(0);
    expect(siteIn(site, 'ru').siteName).toBe('Masthead Demo');
  });

  it('saves only what changed, puts it into the live site, audits it and purges every page', async () => {
    const before = site.brand;
    const s = await updateSiteSettings(deps, admin, site, {
      siteName: { en: 'The Steppe Courier', ru: 'Степной курьер' },
      tagline: { ru: 'Новости степи' },
      timeZone: 'Asia/Almaty',
      social: { x: '@steppecourier', telegram: 'https://t.me/steppecourier' },
      policies: { ethicsPolicy: '/en/ethics', correctionsPolicy: 'https://example.org/corrections' },
    });
    expect(s.siteName).toEqual({ en: 'The Steppe Courier', ru: 'Степной курьер' });
    const rows = await readSiteSettingRows(opened.db.kysely);
    // The time zone sent was the environment's: not stored, so it keeps following TIMEZONE.
    expect([...rows.keys()].sort()).toEqual(['policies', 'siteName', 'social', 'tagline']);
    expect(site.siteName).toBe('The Steppe Courier');
    expect(site.brand).not.toBe(before);
    expect(siteIn(site, 'ru')).toMatchObject({ siteName: 'Степной курьер', tagline: 'Новости степи' });
    // A language without a name shows the default language's (and no tagline, as English has none).
    expect(siteIn(site, 'kk')).toMatchObject({ siteName: 'The Steppe Courier', tagline: '' });
    expect(announced.at(-1)).toEqual(['*', SETTINGS_CHANGED]);
    const [row] = await listAudit(opened.db.kysely, { subjectType: 'settings', limit: 1 });
    expect(row).toMatchObject({ action: 'settings.updated', actorUserId: admin.userId });
  });

  it('clears a language with null and keeps the rest', async () => {
    const s = await updateSiteSettings(deps, admin, site, { tagline: { ru: null, en: 'News of the steppe' }, social: { telegram: '' } });
    expect(s.tagline).toEqual({ en: 'News of the steppe' });
    expect(s.social).toEqual({ x: '@steppecourier' });
    expect(siteIn(site, 'ru').tagline).toBe('News of the steppe');
  });

  it('takes a raster logo from the library, with a small file for the header and a large one for search and social', async () => {
    const id = await addImage(opened.db, 'a'.repeat(64), 1600, 1600, [320, 640, 960, 1280, 1600]);
    const s = await updateSiteSettings(deps, admin, site, { logoMediaId: id });
    expect(s.logo).toEqual({
      mediaId: id,
      alt: 'Logo',
      small: { url: '/media/r/logo-320.jpg', width: 320, height: 320 },
      large: { url: '/media/r/logo-1280.jpg', width: 1280, height: 1280 },
    });
    expect(site.brand?.logo?.large.url).toBe('/media/r/logo-1280.jpg');
    expect((await updateSiteSettings(deps, admin, site, { logoMediaId: null })).logo).toBeNull();
    expect(site.brand?.logo).toBeNull();
  });

  it('refuses what cannot be: a code, the field and a hint, and nothing stored', async () => {
    const tiny = await addImage(opened.db, 'b'.repeat(64), 150, 150, [150]);
    const cases: [unknown, string][] = [
      [{ siteName: { de: 'Kurier' } }, 'siteName.de'],
      [{ defaultLanguage: 'de' }, 'defaultLanguage'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ logoMediaId: 999999 }, 'logoMediaId'],
      [{ logoMediaId: tiny }, 'logoMediaId'],
      [{ social: { facebook: 'facebook.com/x' } }, 'social.facebook'],
      [{ social: { x: 'https://example.org/x' } }, 'social.x'],
      [{ policies: { ethicsPolicy: 'javascript:alert(1)' } }, 'policies.ethicsPolicy'],
      [{ colour: 'red' }, 'colour'],
      [{ siteName: { en: null, ru: null } }, 'siteName'],
    ];
    const stored = JSON.stringify([...(await readSiteSettingRows(opened.db.kysely)).entries()]);
    for (const [input, field] of cases) {
      const e = await updateSiteSettings(deps, admin, site, input).catch((x: unknown) => x);
      expect(e, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION_FAILED');
      expect((e as AppError).hint).toBeTruthy();
      expect(Object.keys(((e as AppError).details?.['fields'] ?? {}) as object), JSON.stringify(input)).toContain(field);
    }
    expect(JSON.stringify([...(await readSiteSettingRows(opened.db.kysely)).entries()])).toBe(stored);
  });

  it('lets only those the policy lets change settings', async () => {
    const e = await updateSiteSettings(deps, editor, site, { siteName: { en: 'Mine now' } }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('FORBIDDEN');
    expect(site.siteName).toBe('The Steppe Courier');
  });

  it('changes the default language and time zone of the live site, and another instance reloads them', async () => {
    await updateSiteSettings(deps, admin, site, { defaultLanguage: 'ru', timeZone: 'Europe/London' });
    expect(site).toMatchObject({ defaultLocale: 'ru', timeZone: 'Europe/London', siteName: 'Степной курьер' });
    const other: SiteContext = { ...TEST_SITE };
    expect(await reloadSiteSettings(deps, other)).toBe(true);
    expect(other).toMatchObject({ defaultLocale: 'ru', timeZone: 'Europe/London' });
    expect(await reloadSiteSettings(deps, other)).toBe(false);
    expect((await siteSettingsOf(deps, other)).defaultLanguage).toBe('ru');
  });
});
