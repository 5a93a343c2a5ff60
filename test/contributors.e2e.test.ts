import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/services/article-store.js';
import { adminPage, adminSite, Agent, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom, type Newsroom } from './support/fixtures.js';
import { formatVnuErrors, validateHtml } from './support/vnu.js';

/**
 * Contributors in Chromium (issue 13), through the admin's own forms: an editor adds Natalya Grishina, gives her a
 * Russian name, a role title, a photo from the library and a link, and the Russian article page's byline and its
 * JSON-LD `author` read "Наталья Гришина". The screens pass the Nu HTML Checker and axe-core and fit a 390 px phone.
 */
describe('contributors in Chromium', () => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let id = 0;
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

  it('an editor adds a contributor and names her in Russian; the Russian page’s byline and JSON-LD read it', async () => {
    await page.getByRole('link', { name: 'Contributors', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/contributors`);
    await page.getByLabel('Their own name').fill('Natalya Grishina');
    await page.getByRole('button', { name: 'Add the contributor' }).click();
    await page.waitForURL(/\/admin\/contributors\/\d+\?done=created$/);
    id = Number(/\/admin\/contributors\/(\d+)/.exec(page.url())![1]);
    await page.getByLabel('Name in Русский').fill('Наталья Гришина');
    await page.getByLabel('Name in Қазақша').fill('Наталья Гришина');
    await page.getByLabel('Role title in Русский').fill('Политический обозреватель');
    await page.getByLabel('Bio in Русский').fill('Пишет о политике для партнёрского издания.');
    await page.locator('#photo').selectOption(String(n.photo));
    await page.getByLabel(/^Links/).fill('https://social.example/@grishina');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(`${served.url}/admin/contributors/${id}?done=saved`);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Saved.');
    await expect(page.getByLabel('Name in Русский').inputValue()).resolves.toBe('Наталья Гришина');

    const story = await createArticle(s.deps, {
      locale: 'ru',
      headline: 'Выборы в маслихат',
      body: doc('Текст.'),
      sectionId: n.politics,
      status: 'published',
      bylines: [{ contributorId: id, role: 'author' }],
    });
    await page.goto(`${served.url}/a/${story}`);
    await page.waitForURL(/\/ru\/politics\/\d{4}\/\d{2}\//);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Наталья Гришина');
    expect(text).not.toContain('Natalya Grishina');
    const ld = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t) as Record<string, any>);
    const article = ld.find((x) => x['@type'] === 'NewsArticle')!;
    expect(article['author'][0]).toMatchObject({ '@type': 'Person', name: 'Наталья Гришина', sameAs: ['https://social.example/@grishina'] });
    await page.getByRole('link', { name: 'Наталья Гришина' }).first().click();
    await page.waitForURL(`${served.url}/ru/author/natalya-grishina`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Наталья Гришина');
    await expect(page.locator('main').innerText()).resolves.toContain('Политический обозреватель');
    expect(problems).toEqual([]);
  }, 60_000);

  describe('the screens', () => {
    const pages: { name: string; url?: string; html: string }[] = [];
    let cookie = '';

    beforeAll(async () => {
      const agent = new Agent(s.app);
      await agent.login(s.users.editor.email);
      cookie = `mh_session=${agent.cookies.get('mh_session')}`;
      for (const [name, url] of [
        ['admin-contributors', '/admin/contributors'],
        ['admin-contributors-search', '/admin/contributors?q=zzz'],
        ['admin-contributor', `/admin/contributors/${id}`],
        ['admin-contributor-unused', `/admin/contributors/${n.alice}`],
      ] as const) {
        const res = await s.app.request(url, { headers: { cookie } });
        expect(res.status, url).toBe(200);
        pages.push({ name, url, html: await res.text() });
      }
      const csrf = await agent.csrfFrom('/admin/contributors');
      const refused = await agent.post(`/admin/contributors/${id}`, { _csrf: csrf, name: 'X', slug: 'Bad slug', links: 'not a link' });
      expect(refused.status).toBe(422);
      pages.push({ name: 'admin-contributor-refusal', html: await refused.text() });
      const inUse = await agent.post(`/admin/contributors/${id}/delete`, { _csrf: csrf });
      expect(inUse.status).toBe(422);
      pages.push({ name: 'admin-contributor-in-use', html: await inUse.text() });
    }, 60_000);

    it('pass the Nu HTML Checker with 0 errors', async () => {
      const results = await validateHtml(pages);
      expect(results).toHaveLength(pages.length);
      expect(formatVnuErrors(results)).toBe('');
    }, 120_000);

    it('have 0 axe-core violations and fit a 390 px wide phone', async () => {
      const p = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await p.setExtraHTTPHeaders({ cookie });
      const report: string[] = [];
      const wide: string[] = [];
      for (const u of pages) {
        if (u.url) await p.goto(served.url + u.url);
        else await p.setContent(u.html);
        const violations = await runAxe(p);
        if (violations.length) report.push(formatViolations(violations, u.name));
        const width = (await p.evaluate('document.documentElement.scrollWidth')) as number;
        if (width > 390) wide.push(`${u.name}: ${width}px`);
      }
      await p.close();
      expect(report.join('\n')).toBe('');
      expect(wide).toEqual([]);
    }, 120_000);
  });
});
