import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, adminSite, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { newsroom, type Newsroom } from './support/fixtures.js';
import { formatVnuErrors, validateHtml } from './support/vnu.js';

/**
 * Pages (issue 13) in Chromium: an editor creates an About page from the admin's Pages screen, writes it in the
 * editor, publishes it, and finds it in the footer and at /en/about. The new screens pass vnu and axe and fit 390 px.
 */
describe('pages in Chromium', () => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let pageId = 0;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.editor.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  it('creates an About page, publishes it, and sees it in the footer and at /en/about', async () => {
    await page.getByRole('link', { name: 'Pages', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/pages`);
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await page.getByLabel('Title', { exact: true }).fill('About');
    await page.getByRole('button', { name: 'Create the page' }).click();
    await page.waitForURL(/\/admin\/articles\/\d+\/edit\?done=created$/);
    pageId = Number(/articles\/(\d+)\/edit/.exec(page.url())![1]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Edit page');
    // A page has no section, tags, bylines, partner or dateline to fill in.
    for (const id of ['group-section', 'group-contributors', 'group-source', 'group-dateline']) {
      await expect(page.locator(`#${id}`).isHidden()).resolves.toBe(true);
    }
    await page.locator('#body-content').click();
    await page.keyboard.type('We are an independent newsroom.');
    await expect.poll(() => page.locator('#save-status').innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);

    await page.locator('#workflow').getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish?' });
    await expect(dialog.innerText()).resolves.toContain('footer');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.waitForURL(/done=moved#publish$/);

    await page.goto(`${served.url}/en/`);
    const link = page.locator('footer nav.pages').getByRole('link', { name: 'About' });
    await expect(link.getAttribute('href')).resolves.toBe('/en/about');
    await link.click();
    await page.waitForURL(`${served.url}/en/about`);
    await expect(page.locator('h1').innerText()).resolves.toBe('About');
    await expect(page.locator('article .body').innerText()).resolves.toContain('We are an independent newsroom.');
    await expect(page.locator('footer nav.pages a[aria-current=page]').innerText()).resolves.toBe('About');
    expect(problems).toEqual([]);
  }, 60_000);

  it('adds a partner with a credit line through the Partners screen', async () => {
    await page.goto(`${served.url}/admin`);
    await page.getByRole('link', { name: 'Partners', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/partners`);
    await page.getByLabel('Name in Русский').fill('Степные вести');
    await page.getByLabel('Name in English').fill('Steppe News');
    await page.getByLabel('Credit line in English').fill('This story was first published by');
    await page.getByLabel('Site address').fill('https://vesti.example');
    await page.getByLabel('Language of the outlet').selectOption('ru');
    await page.getByRole('button', { name: 'Add the partner' }).click();
    await page.waitForURL(/\/admin\/partners\/\d+\?done=created$/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Partner: Степные вести');
    expect(problems).toEqual([]);
  }, 60_000);

  it('the Pages and Partners screens, the page editor and the public page pass vnu and axe, and fit a 390 px phone', async () => {
    const urls = ['/admin/pages', `/admin/articles/${pageId}/edit`, '/en/about', '/admin/partners', `/admin/partners/${n.partner}`];
    // What the server sent (the browser's DOM has the editor script's changes): the session cookie makes the request.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const sent = await Promise.all(urls.map(async (url) => ({ name: url, html: await (await s.app.request(url, { headers: { cookie } })).text() })));
    expect(formatVnuErrors(await validateHtml(sent))).toBe('');

    // axe is a script the public pages' CSP (script-src 'none') would refuse: it runs in a page that bypasses it.
    const checker = await browser.newPage({ bypassCSP: true });
    await checker.context().addCookies(await page.context().cookies());
    const report: string[] = [];
    for (const url of urls) {
      await checker.goto(served.url + url);
      const violations = await runAxe(checker);
      if (violations.length) report.push(formatViolations(violations, url));
    }
    await checker.close();
    expect(report.join('\n')).toBe('');

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.context().addCookies(await page.context().cookies());
    for (const url of urls) {
      await phone.goto(served.url + url);
      await expect(phone.evaluate('document.documentElement.scrollWidth') as Promise<number>, url).resolves.toBeLessThanOrEqual(390);
    }
    await phone.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
