import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/services/article-store.js';
import { adminPage, adminSite, type AdminSite } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom, type Newsroom } from './support/fixtures.js';
import { TEST_SITE } from './support/site.js';
import { formatVnuErrors, hasJava, validateHtml } from './support/vnu.js';

/*
 * The contributors and partners screens in Russian: an admin who chose Russian on the account page reads the lists,
 * a profile, a partner and their forms, notices included, with no English left, and each fits a 390 px screen.
 * (A sibling of admin-i18n.e2e.test.ts, kept apart so that both can grow without stepping on each other.)
 */

// Words of the English interface that must not be left on these screens in Russian (whole words, as typed): the main
// screens' list of admin-i18n.e2e.test.ts, and the words of these two screens.
const ENGLISH = [
  'Dashboard',
  'Articles',
  'Media',
  'Front page',
  'Sections',
  'Tags',
  'Users',
  'Log out',
  'Your account',
  'Language',
  'State',
  'Edit',
  'Save',
  'Saved',
  'Contributors',
  'Contributor',
  'Partners',
  'Partner',
  'Name',
  'Slug',
  'Stories',
  'story',
  'stories',
  'Account',
  'Find',
  'Profile',
  'Photo',
  'Bio',
  'Links',
  'Email',
  'Merge',
  'Delete',
  'None',
  'Outlets',
  'Site',
  'Logo',
  'Licence',
  'Credit',
  'Active',
  'active',
  'inactive',
  'optional',
  'Add',
  'New',
  'All',
  'the',
  'and',
  'of',
  'to',
];

describe('the contributors and partners screens in Russian (Chromium)', () => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    // A story by Alice and one crediting the partner: the delete sections then explain why they are refused.
    await createArticle(s.deps, {
      locale: 'ru',
      headline: 'Новость партнёра',
      body: doc('Текст.'),
      sectionId: n.economy,
      status: 'draft',
      bylines: [{ contributorId: n.alice, role: 'author' }],
      source: { partnerId: n.partner },
    });
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.admin.email, problems);
    await page.goto(`${served.url}/admin/account`);
    await page.getByLabel('Interface language').selectOption('ru');
    await page.locator('#profile ~ form button[type=submit]').click();
    await page.waitForURL(/\/admin\/account\?done=profile/);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  /** The page's visible text and labels without what is data, not interface (names, addresses, language endonyms). */
  const interfaceText = async () => {
    // Labels read aloud or shown in an empty field are interface text too.
    const attributes = (await page.evaluate(
      `[...document.querySelectorAll('[aria-label], [placeholder], img[alt]')].map((e) => ['aria-label', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? '').join(' ')).join('\\n')`,
    )) as string;
    let text = `${await page.locator('body').innerText()}\n${await page.title()}\n${attributes}`;
    for (const data of [
      TEST_SITE.siteName,
      'Admin Person',
      'Editor Person',
      'Author Person',
      'Translator Person',
      'Contributor Person',
      'Alice Reporter',
      'alice-reporter',
      'Steppe Courier',
      'steppe-courier',
      'CC BY 4.0',
      'A square',
      'English',
      s.users.admin.email,
    ])
      text = text.split(data).join(' ');
    return text;
  };
  const englishIn = (text: string) => ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'u').test(text));

  const paths = () => [
    '/admin/contributors',
    '/admin/contributors?done=deleted',
    `/admin/contributors/${n.alice}?done=saved`,
    `/admin/contributors/${n.olga}?done=merged`,
    '/admin/partners',
    '/admin/partners?done=deleted',
    `/admin/partners/${n.partner}?done=saved`,
  ];

  it('shows the contributors and partners screens, notices included, with no English left', async () => {
    await page.goto(`${served.url}/admin/contributors`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Авторы');
    // The check is not blind: the same screen in English is caught by it.
    const en = await browser.newContext();
    const english = await adminPage(en, served.url, s.users.editor.email, problems);
    await english.goto(`${served.url}/admin/contributors/${n.alice}`);
    const seen = englishIn(await english.locator('body').innerText());
    expect(seen).toEqual(expect.arrayContaining(['Profile', 'Merge', 'Delete', 'Save']));
    await en.close();

    for (const path of paths()) {
      const res = await page.goto(`${served.url}${path}`);
      expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
      expect({ path, english: englishIn(await interfaceText()) }).toEqual({ path, english: [] });
    }
    expect(problems).toEqual([]);
  }, 90_000);

  it('explains a refused deletion and confirms an addition in Russian; the Russian screens pass vnu and axe', async () => {
    await page.goto(`${served.url}/admin/partners/${n.partner}`);
    await page.locator('#delete button[type=submit]').waitFor({ state: 'detached' });
    await expect(page.locator('#delete').innerText()).resolves.toContain('вместо удаления сделайте его неактивным');
    await page.goto(`${served.url}/admin/contributors`);
    await page.getByLabel('Основное имя').fill('Наталья Гришина');
    await page.getByRole('button', { name: 'Добавить автора' }).click();
    await page.waitForURL(/\/admin\/contributors\/\d+\?done=created$/);
    await expect(page.locator('.message, [role=status]').first().innerText()).resolves.toContain('Автор добавлен.');
    const pages: { name: string; html: string }[] = [];
    for (const path of paths()) {
      await page.goto(`${served.url}${path}`);
      expect(formatViolations(await runAxe(page), path)).toBe('');
      pages.push({ name: path, html: await page.evaluate(async (u) => (await fetch(u)).text(), `${served.url}${path}`) });
    }
    if (hasJava()) expect(formatVnuErrors(await validateHtml(pages))).toBe('');
  }, 90_000);

  it('every contributors and partners screen fits a 390 px wide screen in Russian', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    for (const path of paths()) {
      await page.goto(`${served.url}${path}`);
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      if (width > 390) wide.push(`${path}: ${width}px`);
    }
    expect(wide).toEqual([]);
  }, 60_000);
});
