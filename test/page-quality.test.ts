import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { demoArticlePath, seededSite, seedShapedArticle, type SeededSite } from './support/site.js';
import { formatVnuErrors, validateHtml } from './support/vnu.js';
import { Agent, PASSWORD } from './support/admin.js';
import { createUser } from '../src/services/create-user.js';
import { createPasswordLink } from '../src/services/password-reset.js';
import { mediaPages } from './support/media-pages.js';
import { deskPages } from './support/desk-pages.js';
import { editorPages } from './support/editor-pages.js';
import { frontPages } from './support/front-pages.js';
import { previewPages } from './support/preview-pages.js';

/**
 * Every page template, in every language, must pass the Nu HTML Checker with 0 errors and axe-core in Chromium with
 * 0 violations. The URLs cover each template and each error page.
 */
let s: SeededSite;
let urls: { name: string; url: string; status: number; headers?: Record<string, string> }[];

beforeAll(async () => {
  s = await seededSite('sqlite');
  const en = await seedShapedArticle(s, 'en');
  const ru = await seedShapedArticle(s, 'ru');
  const enHtml = await (await s.app.request(en.path)).text();
  const ruHtml = await (await s.app.request(ru.path)).text();
  const tag = /<a href="(\/ru\/tag\/[^"]+)" rel="tag">/.exec(ruHtml)![1]!;
  const author = /<a href="(\/en\/author\/[^"]+)">/.exec(enHtml)![1]!;
  const older = /<a href="([^"]+)" rel="next">/.exec(await (await s.app.request('/en/section/politics')).text());
  urls = [
    { name: 'home-en', url: '/en/', status: 200 },
    { name: 'home-ru', url: '/ru/', status: 200 },
    { name: 'home-kk-empty', url: '/kk/', status: 200 },
    { name: 'article-en-seed-shaped', url: en.path, status: 200 },
    { name: 'article-ru', url: ru.path, status: 200 },
    // Fact box, table, pull quote and embed: the body nodes the seed-shaped article has none of.
    { name: 'article-en-every-body-node', url: await demoArticlePath(s, 'grain-rail-discount', 'en'), status: 200 },
    { name: 'section-en', url: '/en/section/politics', status: 200 },
    ...(older ? [{ name: 'section-en-page-2', url: older[1]!.replace(/&amp;/g, '&'), status: 200 }] : []),
    { name: 'section-kk-empty', url: '/kk/section/politics', status: 200 },
    { name: 'tag-ru', url: tag, status: 200 },
    { name: 'author-en', url: author, status: 200 },
    { name: 'search-ru', url: '/ru/search?q=' + encodeURIComponent('заявление'), status: 200 },
    { name: 'search-en-empty', url: '/en/search', status: 200 },
    // Issue 15: the tag and author filters shown with their remove links, the date fields filled in.
    {
      name: 'search-ru-filtered',
      url: `/ru/search?q=${encodeURIComponent('заявление')}&tag=${tag.split('/').pop()}&author=${author.split('/').pop()}&from=2026-01-01&to=2026-12-31`,
      status: 200,
    },
    // A half-typed word finds nothing but is offered as "did you mean" headlines.
    { name: 'search-ru-did-you-mean', url: '/ru/search?q=' + encodeURIComponent('заявл'), status: 200 },
    { name: 'not-found-ru', url: '/ru/politics/2026/11/net-takoy', status: 404 },
    { name: 'bad-request-en', url: `/en/search?q=${'x'.repeat(201)}`, status: 400 },
    ...(await adminPages(s)),
  ];
}, 120_000);

afterAll(async () => s?.cleanup());

describe('every page template', () => {
  it('passes the Nu HTML Checker with 0 errors', async () => {
    const pages = [];
    for (const u of urls) {
      const res = await s.app.request(u.url, { headers: u.headers ?? {} });
      expect(res.status, u.url).toBe(u.status);
      pages.push({ name: u.name, html: await res.text() });
    }
    const results = await validateHtml(pages);
    expect(results).toHaveLength(pages.length);
    expect(formatVnuErrors(results)).toBe('');
  }, 120_000);

  describe('in Chromium', () => {
    let browser: Browser;
    let served: ServedApp;
    beforeAll(async () => {
      browser = await launchBrowser();
      served = await serveApp(s.app.fetch);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await served?.close();
    });

    it('has 0 axe-core violations', async () => {
      const page = await browser.newPage();
      const report: string[] = [];
      for (const u of urls) {
        await page.setExtraHTTPHeaders(u.headers ?? {});
        await page.goto(served.url + u.url);
        const violations = await runAxe(page);
        if (violations.length) report.push(formatViolations(violations, u.name));
      }
      await page.close();
      expect(report.join('\n')).toBe('');
    }, 120_000);
  });
});

/** The admin's pages: logged out (login, forgotten password, a password link), and as an admin (dashboard, users, own account). */
async function adminPages(site: SeededSite) {
  const { id } = await createUser(site.deps, { email: 'qa-admin@example.org', name: 'QA Admin', role: 'admin', password: PASSWORD });
  const agent = new Agent(site.app);
  await agent.login('qa-admin@example.org');
  const session = { cookie: `mh_session=${agent.cookies.get('mh_session')}` };
  const invite = await createPasswordLink(site.deps, id, 'invite');
  return [
    { name: 'admin-login', url: '/admin/login', status: 200 },
    { name: 'admin-forgot-password', url: '/admin/password/forgot', status: 200 },
    { name: 'admin-choose-password', url: `/admin/password/reset/${invite}`, status: 200 },
    { name: 'admin-link-used-up', url: `/admin/password/reset/${'x'.repeat(43)}`, status: 400 },
    { name: 'admin-dashboard', url: '/admin', status: 200, headers: session },
    { name: 'admin-users', url: '/admin/users', status: 200, headers: session },
    { name: 'admin-account', url: '/admin/account', status: 200, headers: session },
    { name: 'admin-not-found', url: '/admin/nothing', status: 404, headers: session },
    ...(await mediaPages(site, session)),
    ...(await deskPages(site, id, session)),
    ...(await editorPages(site, session)),
    ...(await frontPages(site, session)),
    ...(await previewPages(site, id, session)),
  ];
}
