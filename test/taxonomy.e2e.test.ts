import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSite, PASSWORD, type AdminSite } from './support/admin.js';
import { launchBrowser, serveApp, type ServedApp } from './support/browser.js';
import { newsroom, type Newsroom } from './support/fixtures.js';

/** Sections and tags in Chromium, through the admin's own forms (no JavaScript needed, none broken). */
describe('sections and tags in Chromium', () => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${served.url}/admin`);
    await page.getByLabel('Email').fill(s.users.editor.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${served.url}/admin`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  it('creates a section named in English and Russian and sees it in both menus', async () => {
    await page.getByRole('link', { name: 'Sections', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/sections`);
    await page.getByLabel('Name in English').fill('World');
    await page.getByLabel('Name in Русский').fill('Мир');
    await page.getByLabel('Name in Қазақша').fill('Әлем');
    await page.getByLabel('Description in English').fill('News from abroad.');
    await page.getByRole('button', { name: 'Create the section' }).click();
    await page.waitForURL(/\/admin\/sections\/\d+\?done=created$/);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Section created.');
    await page.goto(`${served.url}/en/`);
    await expect(page.locator('nav.sections').getByRole('link', { name: 'World' }).getAttribute('href')).resolves.toBe('/en/section/world');
    await page.goto(`${served.url}/ru/`);
    await page.locator('nav.sections').getByRole('link', { name: 'Мир' }).click();
    await page.waitForURL(`${served.url}/ru/section/world`);
    expect(problems).toEqual([]);
  });

  it('renames a tag, and its old address leads to the new one', async () => {
    await page.goto(`${served.url}/admin/tags?locale=en`);
    await page.getByRole('link', { name: 'Trade', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/tags/${n.tagEn}`);
    await page.getByLabel('Name', { exact: true }).fill('World trade');
    await page.getByRole('textbox', { name: /^Slug \(a change/ }).fill('world-trade');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/tags/${n.tagEn}?done=saved`);
    const res = await page.goto(`${served.url}/en/tag/trade`);
    expect(new URL(page.url()).pathname).toBe('/en/tag/world-trade');
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toContain('World trade');
    expect(problems).toEqual([]);
  });
});
