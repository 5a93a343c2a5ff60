import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPins } from '../src/db/front-pages-repo.js';
import { createArticle } from '../src/services/article-store.js';
import { saveFrontPage } from '../src/services/front-pages.js';
import { userPrincipal } from '../src/content/principal.js';
import { adminPage, adminSite, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom } from './support/fixtures.js';
import { forEachEngine } from './support/for-each-engine.js';
import { TEST_SITE } from './support/site.js';

/**
 * The front-page screen's top stories in Chromium, on each database: dragged into a new order (the small script over
 * the no-JavaScript form) and saved at once, the Move buttons still working from the keyboard, no CSP complaint, no
 * axe violation.
 */
forEachEngine('front-page drag and drop in Chromium: %s', (engine) => {
  let s: AdminSite;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  const ids: number[] = [];
  const problems: string[] = [];
  const headlines = ['Alpha pinned story', 'Bravo pinned story', 'Charlie pinned story'];

  beforeAll(async () => {
    s = await adminSite(engine, { site: { siteUrl: 'http://127.0.0.1' } });
    const n = await newsroom(s.db);
    for (const [i, headline] of headlines.entries()) {
      ids.push(
        await createArticle(s.deps, {
          locale: 'en',
          headline,
          body: doc('Text.'),
          sectionId: n.politics,
          status: 'published',
          publishedAt: `2026-11-20T0${i + 1}:00:00.000Z`,
        }),
      );
    }
    const editor = userPrincipal({ id: s.users.editor.id, role: 'editor', active: true });
    await saveFrontPage(s.deps, editor, TEST_SITE.locales, 'en', { top: ids.map((articleId) => ({ articleId })) });
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.editor.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  const order = async () => (await readPins(s.db.kysely, 'en'))!.top.map((t) => t.articleId);
  const rows = () => page.locator('#top ol.pins > li');

  it('dragging the last top story to the top saves the new order', async () => {
    await page.goto(`${served.url}/admin/front-pages/en`);
    await expect(page.locator('#drag-note').innerText()).resolves.toContain('Drag a story');
    await expect(rows().first().getAttribute('draggable')).resolves.toBe('true');
    await page.dragAndDrop('#top ol.pins > li:nth-child(3)', '#top ol.pins > li:nth-child(1)', { targetPosition: { x: 10, y: 2 } });
    await page.waitForURL(/done=saved#top$/);
    await expect.poll(order).toEqual([ids[2], ids[0], ids[1]]);
    await expect(rows().locator('.headline').allInnerTexts()).resolves.toEqual([headlines[2], headlines[0], headlines[1]]);
  });

  it('the Move buttons still work from the keyboard', async () => {
    await page.goto(`${served.url}/admin/front-pages/en`);
    // The first row (Charlie, moved there by the drag): its Move down button, reached as a keyboard user would.
    await expect(rows().first().locator('.headline').innerText()).resolves.toBe(headlines[2]);
    await rows().first().locator('button[value="down:0"]').focus({ timeout: 5000 });
    await Promise.all([page.waitForURL(/done=saved#top$/, { timeout: 10_000 }), page.keyboard.press('Enter')]);
    await expect.poll(order).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('the screen has no axe violations and the script broke no CSP rule', async () => {
    await page.goto(`${served.url}/admin/front-pages/en`);
    const violations = await runAxe(page);
    expect(formatViolations(violations, 'admin-front-page-dnd')).toBe('');
    expect(problems).toEqual([]);
  });
});
