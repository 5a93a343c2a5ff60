import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, adminSite, PASSWORD, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { newsroom } from './support/fixtures.js';
import { testImage } from './support/images.js';
import { formatVnuErrors, validateHtml } from './support/vnu.js';

/** The publication's settings in Chromium, through the admin's own form; then what readers and machines see. */
describe('settings in Chromium', () => {
  let s: AdminSite;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    await newsroom(s.db);
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.admin.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  it('changes the Russian name and the logo; the Russian home page, its JSON-LD and og:image show them', async () => {
    await page.goto(`${served.url}/admin/media`);
    await page.getByLabel('Image file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await testImage('png', 600, 600) });
    await page.getByLabel('Alt text', { exact: true }).fill('Steppe Courier logo');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/admin\/media\/\d+\?done=uploaded$/);
    const mediaId = /\/admin\/media\/(\d+)/.exec(page.url())![1]!;

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/settings`);
    await page.getByLabel('Name in Русский').fill('Степной курьер');
    await page.getByLabel('Logo image').selectOption(mediaId);
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.waitForURL(`${served.url}/admin/settings?done=saved`);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Settings saved.');
    await expect(page.getByLabel('Name in Русский').inputValue()).resolves.toBe('Степной курьер');

    await page.goto(`${served.url}/ru/`);
    await expect(page.locator('header.site a.brand').innerText()).resolves.toBe('Степной курьер');
    await expect(page.title()).resolves.toBe('Степной курьер');
    const ld = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t) as Record<string, any>);
    const org = ld.find((j) => j['@type'] === 'NewsMediaOrganization')!;
    expect(org['name']).toBe('Степной курьер');
    const logoUrl = org['logo']['url'] as string;
    expect(logoUrl).toMatch(/^http:\/\/127\.0\.0\.1\/media\/.+\.jpg$/);
    const ogImage = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(ogImage).toBe(logoUrl);
    // The file is a raster image of the size it claims, large enough for search engines (112) and Facebook (200).
    const res = await page.request.get(`${served.url}${new URL(logoUrl).pathname}`);
    expect(res.headers()['content-type']).toBe('image/jpeg');
    const info = await sharp(await res.body()).metadata();
    expect({ width: info.width, height: info.height }).toEqual({ width: org['logo']['width'], height: org['logo']['height'] });
    expect(info.width).toBeGreaterThanOrEqual(200);
    await expect(page.locator('meta[property="og:image:width"]').getAttribute('content')).resolves.toBe(String(info.width));
    // The header shows the uploaded logo too; English keeps its own name.
    await expect(page.locator('header.site a.brand img').getAttribute('src')).resolves.toMatch(/^\/media\/.+\.jpg$/);
    await page.goto(`${served.url}/en/`);
    await expect(page.locator('header.site a.brand').innerText()).resolves.toBe('Masthead Demo');
    expect(problems).toEqual([]);
  }, 60_000);

  it('fits a 390 px wide phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${served.url}/admin/settings`);
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('the settings screen, as it is and with an error, passes vnu and axe', async () => {
    await page.goto(`${served.url}/admin/settings`);
    const fine = await page.content();
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect(page.locator('[role=alert]').innerText()).resolves.toContain('timeZone');
    const refused = await page.content();
    const pages = [
      { name: 'settings', html: `<!DOCTYPE html>${fine.replace(/^<!DOCTYPE html>/i, '')}` },
      { name: 'settings-error', html: `<!DOCTYPE html>${refused.replace(/^<!DOCTYPE html>/i, '')}` },
    ];
    expect(formatVnuErrors(await validateHtml(pages))).toBe('');
    const report: string[] = [];
    for (const p of pages) {
      await page.setContent(p.html);
      const v = await runAxe(page);
      if (v.length) report.push(formatViolations(v, p.name));
    }
    expect(report.join('\n')).toBe('');
  }, 120_000);

  it('is not offered to, nor opened by, an editor', async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(`${served.url}/admin/login`);
    await other.getByLabel('Email').fill(s.users.editor.email);
    await other.getByLabel('Password').fill(PASSWORD);
    await other.getByRole('button', { name: 'Log in' }).click();
    await other.waitForURL(`${served.url}/admin`);
    await expect(other.getByRole('link', { name: 'Settings', exact: true }).count()).resolves.toBe(0);
    const res = await other.goto(`${served.url}/admin/settings`);
    expect(res?.status()).toBe(403);
    await context.close();
  }, 60_000);
});
