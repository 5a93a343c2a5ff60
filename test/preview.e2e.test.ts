import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminPage, adminSite, apiCall, apiKeysForEveryRole, expectJson, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom } from './support/fixtures.js';
import { forEachEngine } from './support/for-each-engine.js';

/**
 * Preview in Chromium against a real server, on both databases: an editor previews a draft and an older revision
 * from the editor, makes a share link, and a stranger (a fresh browser context: no cookies, no session) opens it;
 * then the link expires, and another is revoked from the editor. axe runs on the preview pages.
 */
forEachEngine('preview and share links in Chromium: %s', (engine) => {
  let s: AdminSite;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let id: number;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite(engine, { site: { siteUrl: 'http://127.0.0.1' } });
    const n = await newsroom(s.db);
    const keys = await apiKeysForEveryRole(s);
    const base = { locale: 'en', deck: 'Ships sail again.', sectionId: n.politics, bylines: [{ contributorId: n.alice, role: 'author' }] };
    const a = await expectJson(
      await apiCall(s, keys.editor, 'POST', '/api/admin/v1/articles', { ...base, headline: 'Corridor talks begin', body: doc('Talks began.') }),
      201,
    );
    await expectJson(
      await apiCall(s, keys.editor, 'PUT', `/api/admin/v1/articles/${a['id']}`, {
        ...base,
        baseRevision: 1,
        headline: 'Corridor reopens',
        body: doc('The first ship left at dawn.'),
      }),
    );
    id = a['id'];
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.editor.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  /** Makes a share link with the editor's form; returns its path (the site's own address is not this test server's). */
  const makeLink = async (validFor: string) => {
    await page.goto(`${served.url}/admin/articles/${id}/edit`);
    await page.getByLabel('Valid for').selectOption({ label: validFor });
    await page.getByRole('button', { name: 'Create a share link' }).click();
    await page.getByRole('heading', { name: 'Share link created' }).waitFor();
    return new URL(await page.getByLabel('Preview link').inputValue()).pathname;
  };

  it('previews the draft and an older revision from the editor, as readers will see it', async () => {
    await page.goto(`${served.url}/admin/articles/${id}/edit`);
    await page.locator('#workflow').getByRole('link', { name: 'Preview' }).click();
    await page.waitForURL(`${served.url}/admin/articles/${id}/preview`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Corridor reopens');
    await expect(page.getByRole('complementary', { name: 'Preview' }).innerText()).resolves.toContain('Preview — not published.');
    // The site's stylesheet applies (the preview carries the public pages' CSP, not the admin's).
    await expect(page.evaluate('getComputedStyle(document.querySelector("header.site")).borderBottomStyle')).resolves.toBe('solid');
    await expect(page.evaluate('getComputedStyle(document.querySelector(".preview-bar")).position')).resolves.toBe('sticky');
    // axe's own script is refused by the page's CSP (script-src 'none') before it is evaluated another way: audit in a
    // page of the same session that does not report CSP complaints as problems.
    const auditContext = await browser.newContext();
    await auditContext.addCookies(await page.context().cookies());
    const audit = await auditContext.newPage();
    await audit.goto(page.url());
    await expect(audit.locator('.preview-bar').count()).resolves.toBe(1);
    expect(formatViolations(await runAxe(audit), 'admin preview')).toBe('');
    await auditContext.close();

    await page.goto(`${served.url}/admin/articles/${id}/preview?revision=1`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Corridor talks begin');
    await expect(page.locator('.preview-bar').innerText()).resolves.toContain('revision 1 of 2');
    expect(problems).toEqual([]);
  }, 60_000);

  it('a share link opens in a fresh browser without a session, until it expires', async () => {
    const path = await makeLink('1 hour');
    const stranger = await browser.newContext();
    try {
      const p = await stranger.newPage();
      const res = await p.goto(served.url + path);
      expect(res!.status()).toBe(200);
      expect(res!.headers()['cache-control']).toBe('no-store');
      await expect(p.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Corridor reopens');
      await expect(p.locator('.preview-bar').innerText()).resolves.toContain('This link works until');
      expect(await stranger.cookies()).toEqual([]);
      expect(formatViolations(await runAxe(p), 'shared preview')).toBe('');

      const now = s.deps.clock().toISOString();
      s.deps.setNow(new Date(Date.parse(now) + 3600_000 + 1000).toISOString());
      try {
        const again = await p.goto(served.url + path);
        expect(again!.status()).toBe(410);
        await expect(p.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Preview unavailable');
        await expect(p.locator('main').innerText()).resolves.toContain('expired');
        expect(formatViolations(await runAxe(p), 'expired link')).toBe('');
      } finally {
        s.deps.setNow(now);
      }
    } finally {
      await stranger.close();
    }
  }, 60_000);

  it('a link revoked from the editor answers 410 at once', async () => {
    const path = await makeLink('7 days');
    const stranger = await browser.newContext();
    try {
      const p = await stranger.newPage();
      expect((await p.goto(served.url + path))!.status()).toBe(200);
      await page.goto(`${served.url}/admin/articles/${id}/edit`);
      const links = page.locator('#share-links li');
      await expect(links.count()).resolves.toBe(2);
      await links
        .filter({ hasText: 'made' })
        .last()
        .getByRole('button', { name: /Revoke/ })
        .click();
      await page.waitForURL(/done=revoked/);
      await expect(page.getByRole('status').first().innerText()).resolves.toContain('revoked');
      await expect(page.locator('#share-links li').count()).resolves.toBe(1);
      // Newest first: the 1-hour link of the test before was revoked, the 7-day one still opens.
      const res = await p.goto(served.url + path);
      expect(res!.status()).toBe(200);
      await page
        .locator('#share-links li')
        .first()
        .getByRole('button', { name: /Revoke/ })
        .click();
      await page.waitForURL(/done=revoked/);
      const gone = await p.goto(served.url + path);
      expect(gone!.status()).toBe(410);
      await expect(p.locator('main').innerText()).resolves.toContain('withdrawn');
    } finally {
      await stranger.close();
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
