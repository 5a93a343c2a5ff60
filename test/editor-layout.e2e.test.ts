import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticleRow } from '../src/db/articles-repo.js';
import { loadArticle } from '../src/db/load-article.js';
import { adminPage, adminSite, apiCall, apiKeysForEveryRole, expectJson, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom, type Newsroom } from './support/fixtures.js';

/**
 * The editor's layout in Chromium: the writing column and the sidebar's collapsible groups, the hero image picker,
 * the contributors picker (with a new contributor made in place), the confirmations of workflow steps, the place kept
 * after one, the word count and the character counters, and no sideways scrolling on a phone.
 */
describe('editor layout in Chromium', () => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let key: string;
  let id: number;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    key = (await apiKeysForEveryRole(s)).editor;
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.editor.email, problems);
    const a = await expectJson(
      await apiCall(s, key, 'POST', '/api/admin/v1/articles', { locale: 'en', headline: 'Layout story', body: doc('One two three.'), sectionId: n.politics }),
      201,
    );
    id = Number(a['id']);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  const stored = async () => (await loadArticle(s.db.kysely, id))!;
  const status = () => page.locator('#save-status');
  const sidebar = () => page.getByRole('complementary', { name: 'Publishing and details' });
  const saved = async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
  };

  it('has a writing column and a sidebar of groups that open and close; the status group comes first', async () => {
    await page.goto(`${served.url}/admin/articles/${id}/edit`);
    const groups = await sidebar()
      .locator('details.side-group')
      .evaluateAll((ds) => ds.map((d) => d.id));
    expect(groups).toEqual([
      'publish',
      'group-preview',
      'group-section',
      'group-contributors',
      'group-hero',
      'group-source',
      'group-dateline',
      'group-seo',
      'group-versions',
      'group-history',
    ]);
    const seo = page.locator('#group-seo');
    await expect(seo.getAttribute('open')).resolves.toBeNull();
    await seo.locator('summary').click();
    await expect(seo.getAttribute('open')).resolves.toBe('');
    await expect(page.getByLabel('SEO title').isVisible()).resolves.toBe(true);
    await page.locator('#group-section summary').click();
    await expect(page.getByLabel('Section').isVisible()).resolves.toBe(false);
    await page.locator('#group-section summary').click();
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations, 'editor with the sidebar')).toEqual([]);
  }, 60_000);

  it('counts words and reading time live, and characters on the headline and the SEO fields', async () => {
    await expect(page.locator('#word-count').innerText()).resolves.toBe('3 words · about 1 min to read');
    await page.locator('#body-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Четыре пять.');
    await expect.poll(() => page.locator('#word-count').innerText()).toBe('5 words · about 1 min to read');
    await page.getByLabel('SEO title').fill('x'.repeat(70));
    await expect(page.locator('#seoTitle-counter').innerText()).resolves.toMatch(/^70 characters: 10 over 60/);
    await page.getByLabel('SEO title').fill('Short');
    await expect(page.locator('#seoTitle-counter').innerText()).resolves.toBe('5 of about 60 characters.');
    await expect(page.locator('#headline-counter').innerText()).resolves.toBe('12 of about 110 characters.');
    await saved();
  }, 60_000);

  it('picks the hero image from the library grid; its alt, caption and credit are edited in the sidebar and saved', async () => {
    await expect(page.getByLabel('Media id').isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Choose an image' }).click();
    const d = page.getByRole('dialog', { name: 'Hero image' });
    await expect.poll(() => d.getByRole('list', { name: 'Images in the library' }).getByRole('button').count()).toBe(1);
    await d.getByRole('button', { name: 'A square' }).click();
    await d.getByRole('button', { name: 'Use as the hero image' }).click();
    await expect.poll(() => d.count()).toBe(0);
    await expect(page.locator('#hero-preview').getAttribute('src')).resolves.toBe('/media/demo/hero.svg');
    await expect(page.getByLabel('Credit', { exact: true }).inputValue()).resolves.toBe('Photo: Desk');
    await page.getByLabel('Alt text', { exact: true }).fill('A red square on white');
    await saved();
    const a = await stored();
    expect(a.hero).toMatchObject({ mediaId: n.photo, alt: 'A red square on white', credit: 'Photo: Desk' });
    // The focal point is the library image's own: set here, saved on the media item.
    await expect.poll(() => page.getByLabel('Across (0 left, 1 right)').inputValue()).toBe('0.5');
    await page.getByLabel('Across (0 left, 1 right)').fill('0.25');
    await page.getByLabel('Down (0 top, 1 bottom)').fill('0.75');
    await page.getByRole('button', { name: 'Save the focal point' }).click();
    await expect.poll(() => page.locator('#hero-focal-status').innerText()).toBe('Focal point saved: 0.25, 0.75.');
    const m = await s.db.kysely.selectFrom('media').select(['focal_x', 'focal_y']).where('id', '=', n.photo).executeTakeFirstOrThrow();
    expect([Number(m.focal_x), Number(m.focal_y)]).toEqual([0.25, 0.75]);
  }, 60_000);

  it('adds two contributors, sets roles, reorders, creates a new one in place; the byline is saved in that order', async () => {
    const search = page.getByLabel('Add a contributor');
    await search.fill('ALI');
    await page.getByRole('button', { name: 'Add Alice Reporter' }).click();
    await search.fill('переВОД');
    await page.getByRole('button', { name: 'Add Борис Переводчик' }).click();
    await page.getByLabel('Role of Борис Переводчик').selectOption('translator');
    await page.getByRole('button', { name: 'Move Борис Переводчик up' }).click();
    await search.fill('Жанна Новая');
    await page.getByRole('button', { name: 'Create “Жанна Новая” as a new contributor' }).click();
    await expect.poll(() => page.locator('#contributor-list li').count()).toBe(3);
    await page.getByLabel('Role of Жанна Новая').selectOption('photographer');
    await saved();
    const made = await s.db.kysely.selectFrom('contributors').select(['id', 'slug']).where('name', '=', 'Жанна Новая').executeTakeFirstOrThrow();
    expect(made.slug).toBe('zhanna-novaya');
    expect((await stored()).bylines.map((b) => [b.contributorId, b.role])).toEqual([
      [n.boris, 'translator'],
      [n.alice, 'author'],
      [made.id, 'photographer'],
    ]);
    await page.getByRole('button', { name: 'Remove Alice Reporter' }).click();
    await saved();
    expect((await stored()).bylines.map((b) => b.contributorId)).toEqual([n.boris, made.id]);
  }, 60_000);

  it('Publish and Unpublish ask first, saying what will happen; Cancel does nothing; the place is kept after each', async () => {
    const publish = page.locator('#workflow').getByRole('button', { name: 'Publish', exact: true });
    await publish.click();
    const dialog = page.getByRole('dialog', { name: 'Publish?' });
    await expect(dialog.innerText()).resolves.toContain('This will publish it to the English home page and feeds now.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await getArticleRow(s.db.kysely, id))!.status).toBe('draft');
    await publish.click();
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.waitForURL(/done=moved#publish$/);
    expect((await getArticleRow(s.db.kysely, id))!.status).toBe('published');
    const inView = () =>
      page.evaluate(
        // Within a pixel: scrollIntoView scrolls by whole pixels, and the group may sit at a fraction of one.
        "(() => { const r = document.getElementById('publish').getBoundingClientRect(); return r.top > -1 && r.top < innerHeight; })()",
      ) as Promise<boolean>;
    await expect(inView()).resolves.toBe(true);

    // On a phone the sidebar is a panel over the text, closed until asked for; a step's redirect (#publish) opens it
    // at the status group, so the editor sees what happened.
    await page.setViewportSize({ width: 390, height: 844 });
    const panelOpen = () =>
      page.evaluate(
        "(() => { const s = document.getElementById('editor-sidebar'); const r = s.getBoundingClientRect(); return getComputedStyle(s).visibility === 'visible' && r.left >= -1 && r.right <= innerWidth + 1; })()",
      ) as Promise<boolean>;
    await page.goto(`${served.url}/admin/articles/${id}/edit`);
    await expect.poll(panelOpen).toBe(false);
    const headline = await page.locator('#headline').boundingBox();
    expect(headline!.y + headline!.height).toBeLessThan(844);
    await page.getByRole('link', { name: 'Status and publishing' }).click();
    await expect.poll(panelOpen).toBe(true);
    await expect(inView()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Close, back to the text' }).click();
    await expect.poll(panelOpen).toBe(false);
    await page.getByRole('link', { name: 'Section, contributors, image and more' }).click();
    await expect.poll(panelOpen).toBe(true);
    await page.goto(`${served.url}/admin/articles/${id}/edit#publish`);
    await expect.poll(panelOpen).toBe(true);
    await expect(page.evaluate('document.documentElement.scrollWidth') as Promise<number>).resolves.toBeLessThanOrEqual(390);
    const unpublish = page.locator('#workflow').getByRole('button', { name: 'Unpublish', exact: true });
    await unpublish.click();
    const ask = page.getByRole('dialog', { name: 'Unpublish?' });
    await expect(ask.innerText()).resolves.toContain('readers who follow a link will get 410 Gone');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect((await getArticleRow(s.db.kysely, id))!.status).toBe('published');
    await unpublish.click();
    await ask.getByRole('button', { name: 'Unpublish', exact: true }).click();
    await page.waitForURL(/done=moved#publish$/);
    expect((await getArticleRow(s.db.kysely, id))!.status).toBe('unpublished');
    await expect.poll(panelOpen).toBe(true);
    await expect(inView()).resolves.toBe(true);
    await expect(page.evaluate('document.documentElement.scrollWidth') as Promise<number>).resolves.toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  }, 90_000);
  it('without JavaScript the sidebar’s fields still save with the form, and a workflow step comes back to #publish', async () => {
    const c = await browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await adminPage(c, served.url, s.users.editor.email, problems, 'no-js');
      await p.goto(`${served.url}/admin/articles/${id}/edit`);
      await p.locator('#group-dateline summary').click();
      await p.getByLabel('Dateline').fill('ALMATY');
      await p.getByLabel('Contributor 1', { exact: true }).selectOption(String(n.olga));
      await p.getByRole('button', { name: 'Save', exact: true }).click();
      await p.waitForURL(/done=saved/);
      const a = await stored();
      expect(a.dateline).toBe('ALMATY');
      expect(a.bylines[0]!.contributorId).toBe(n.olga);
      // No script: no confirmation, the form goes as it is (as before), and the page comes back to the status group.
      await p.locator('#workflow').getByRole('button', { name: 'Republish', exact: true }).click();
      await p.waitForURL(/done=moved#publish$/);
      expect((await getArticleRow(s.db.kysely, id))!.status).toBe('published');
    } finally {
      await c.close();
    }
  }, 60_000);
});
