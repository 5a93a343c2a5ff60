import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/services/create-user.js';
import { Agent, PASSWORD } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { frontPages } from './support/front-pages.js';
import { seededSite, type SeededSite } from './support/site.js';
import { formatVnuErrors, validateHtml } from './support/vnu.js';

/**
 * The front page's new screens on their own (test/page-quality.test.ts checks them among every template too): the
 * admin's front-page screen with pins and without, its refusals (a bad form, a save after someone else's), and a home page with a pinned lead and top stories
 * pass the Nu HTML Checker with 0 errors and axe-core in Chromium with 0 violations.
 */
let s: SeededSite;
let urls: { name: string; url: string; status: number; headers?: Record<string, string> }[];
const pages: { name: string; html: string }[] = [];

beforeAll(async () => {
  s = await seededSite('sqlite');
  await createUser(s.deps, { email: 'fp-editor@example.org', name: 'FP Editor', role: 'editor', password: PASSWORD });
  const agent = new Agent(s.app);
  await agent.login('fp-editor@example.org');
  const session = { cookie: `mh_session=${agent.cookies.get('mh_session')}` };
  urls = [...(await frontPages(s, session)), { name: 'home-ru-pinned', url: '/ru/', status: 200 }];
  for (const u of urls) {
    const res = await s.app.request(u.url, { headers: u.headers ?? {} });
    expect(res.status, u.url).toBe(u.status);
    pages.push({ name: u.name, html: await res.text() });
  }
  // A refusal shown above the form, with what was sent.
  const csrf = await agent.csrfFrom('/admin/front-pages/en');
  const refused = await agent.post('/admin/front-pages/en', { _csrf: csrf, op: 'add' });
  expect(refused.status).toBe(422);
  pages.push({ name: 'admin-front-page-refusal', html: await refused.text() });
  // A save based on a version someone else has moved: refused with the page as it is now.
  const stale = await agent.post('/admin/front-pages/en', { _csrf: csrf, baseVersion: 'moved-meanwhile', op: 'save-lead', lead: '' });
  expect(stale.status).toBe(409);
  pages.push({ name: 'admin-front-page-changed', html: await stale.text() });
}, 120_000);

afterAll(async () => s?.cleanup());

describe('the front page screens', () => {
  it('show the pins: the pinned Russian home page has a top stories block, the screen its rows', () => {
    expect(pages.find((p) => p.name === 'home-ru-pinned')!.html).toContain('<h2 id="top-stories">Главное</h2>');
    expect(pages.find((p) => p.name === 'admin-front-page-ru-pinned')!.html).toContain('ran out');
  });

  it('pass the Nu HTML Checker with 0 errors', async () => {
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

    it('have 0 axe-core violations', async () => {
      const page = await browser.newPage();
      const report: string[] = [];
      for (const u of urls) {
        await page.setExtraHTTPHeaders(u.headers ?? {});
        await page.goto(served.url + u.url);
        const violations = await runAxe(page);
        if (violations.length) report.push(formatViolations(violations, u.name));
      }
      // The refusals: the same form after a POST, rendered as the browser gets it.
      for (const name of ['admin-front-page-refusal', 'admin-front-page-changed']) {
        await page.setContent(pages.find((p) => p.name === name)!.html);
        const violations = await runAxe(page);
        if (violations.length) report.push(formatViolations(violations, name));
      }
      await page.close();
      expect(report.join('\n')).toBe('');
    }, 120_000);
  });
});
