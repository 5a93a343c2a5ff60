import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../src/content/document.js';
import { loadArticle } from '../src/db/load-article.js';
import { saveArticle } from '../src/services/articles.js';
import { userPrincipal } from '../src/content/principal.js';
import { documentText } from '../src/content/document-text.js';
import { adminPage, adminSite, type AdminSite } from './support/admin.js';
import { launchBrowser, serveApp, type ServedApp } from './support/browser.js';
import { newsroom, type Newsroom } from './support/fixtures.js';

/**
 * The article editor in Chromium against a real server: writing with the toolbar and autosave, losing the network and
 * the tab, an edit conflict, and the history. What the server stored is checked in the database, not on the page.
 */
describe('article editor in Chromium', () => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let articleId: number;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.author.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  const stored = async () => (await loadArticle(s.db.kysely, articleId))!;
  const storedText = async () => documentText((await stored()).body);
  const status = () => page.locator('#save-status');
  // What the editor keeps on the device for this article (a string: the test has no DOM types).
  const localCopy = () => page.evaluate(`localStorage.getItem('masthead:unsaved:${articleId}')`) as Promise<string | null>;
  const body = () => page.locator('#body-content');
  const tool = (name: string) => page.getByRole('toolbar', { name: 'Text' }).getByRole('button', { name, exact: true });

  it('starts a draft, writes a subhead and a quote with the toolbar, and autosaves it', async () => {
    await page.goto(`${served.url}/admin/articles/new`);
    await page.getByLabel('Language').selectOption('en');
    await page.getByLabel('Headline', { exact: true }).fill('Grain corridor');
    await page.getByLabel('Section').selectOption(String(n.economy));
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/admin\/articles\/\d+\/edit/);
    articleId = Number(/articles\/(\d+)\/edit/.exec(page.url())![1]);

    // The script took over the body: the read-only copy is gone, the editor is there.
    await expect(page.locator('#body-static').isHidden()).resolves.toBe(true);
    await page.getByLabel('Headline', { exact: true }).fill('Grain corridor reopens after talks');
    // The slug follows the headline until it is set by hand.
    await expect(page.getByLabel('Slug', { exact: true }).inputValue()).resolves.toBe('grain-corridor-reopens-after-talks');

    await body().click();
    await page.keyboard.type('The first ship left at dawn.');
    await page.keyboard.press('Enter');
    await tool('Subhead').click();
    await expect(tool('Subhead').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.type('What happens next');
    await page.keyboard.press('Enter');
    await expect(tool('Subhead').getAttribute('aria-pressed')).resolves.toBe('false');
    await tool('Quote').click();
    await expect(tool('Quote').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.type('We are ready to sail.');

    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    const a = await stored();
    expect(a.headline).toBe('Grain corridor reopens after talks');
    expect(a.slug).toBe('grain-corridor-reopens-after-talks');
    // The editor keeps an empty paragraph after a quote to type into; readers never see it (and neither does this check).
    expect({ ...a.body, content: a.body.content.filter((b) => b.type !== 'paragraph' || b.content?.length) }).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'The first ship left at dawn.' }] },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What happens next' }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We are ready to sail.' }] }] },
      ],
    } satisfies Doc);
    expect(await localCopy()).toBeNull();
  }, 60_000);

  it('keeps text typed offline on the device, offers it after a reload, and saves it once the network is back', async () => {
    await page.route('**/admin/api/**', (r) => r.abort('internetdisconnected'));
    await body().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // out of the quote
    await page.keyboard.type('Typed while offline.');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch('Offline — kept on this device, retrying');
    expect(await storedText()).not.toContain('Typed while offline.');
    const local = await localCopy();
    expect(local).toContain('Typed while offline.');

    // Leaving with unsaved work asks first.
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);

    const offer = page.getByRole('region', { name: 'Unsaved work on this device' });
    await expect(offer.innerText()).resolves.toContain('Typed while offline.');
    await expect(offer.innerText()).resolves.toContain('They differ in: text');
    await offer.getByRole('button', { name: 'Restore it' }).click();
    await expect(body().innerText()).resolves.toContain('Typed while offline.');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch('Offline — kept on this device, retrying');

    await page.unroute('**/admin/api/**');
    await expect.poll(() => status().innerText(), { timeout: 20_000 }).toMatch(/^Saved \d/);
    expect(await storedText()).toContain('Typed while offline.');
    expect(await localCopy()).toBeNull();
  }, 90_000);

  it('on a conflict shows both versions; "keep mine" saves mine on top of theirs', async () => {
    const before = await stored();
    // An editor changes the story behind the writer's back.
    const editor = userPrincipal({ id: s.users.editor.id, role: 'editor', active: true });
    await saveArticle(s.deps, editor, articleId, before.revision, {
      headline: 'Desk headline',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The desk rewrote this.' }] }] },
      sectionId: before.section.id,
    });
    await body().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Mine too.');

    const conflict = page.getByRole('region', { name: 'Someone else saved this article while you were editing' });
    await expect(conflict.waitFor({ timeout: 15_000 })).resolves.toBeUndefined();
    await expect.poll(() => status().innerText()).toMatch(/Not saved: someone else saved a newer version/);
    const theirs = conflict.locator('[data-side=theirs]');
    const mine = conflict.locator('[data-side=mine]');
    await expect(theirs.innerText()).resolves.toContain('Desk headline');
    await expect(theirs.innerText()).resolves.toContain('The desk rewrote this.');
    await expect(mine.innerText()).resolves.toContain('Grain corridor reopens after talks');
    await expect(mine.innerText()).resolves.toContain('Typed while offline. Mine too.');
    // Nothing is lost while the person decides.
    expect(await localCopy()).toContain('Mine too.');

    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    const after = await stored();
    expect(after.headline).toBe('Grain corridor reopens after talks');
    expect(documentText(after.body)).toContain('Typed while offline. Mine too.');
    expect(after.revision).toBe(before.revision + 2);
    await expect(conflict.isHidden()).resolves.toBe(true);
  }, 60_000);

  it('"use theirs" puts the stored version in the editor and keeps mine on screen', async () => {
    const before = await stored();
    const editor = userPrincipal({ id: s.users.editor.id, role: 'editor', active: true });
    await saveArticle(s.deps, editor, articleId, before.revision, {
      headline: 'Second desk headline',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Second desk text.' }] }] },
      sectionId: before.section.id,
    });
    await body().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Lost cause.');
    const conflict = page.locator('#conflict');
    await conflict.getByRole('button', { name: 'Use theirs' }).click({ timeout: 15_000 });
    await expect(page.getByLabel('Headline', { exact: true }).inputValue()).resolves.toBe('Second desk headline');
    await expect(body().innerText()).resolves.toBe('Second desk text.');
    await expect(conflict.innerText()).resolves.toContain('Lost cause.');
    expect(await localCopy()).toBeNull();
    // And editing goes on from their revision.
    await body().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Agreed.');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    expect(await storedText()).toBe('Second desk text. Agreed.');
  }, 60_000);

  it('shows the history, a word diff between two revisions, and restores one', async () => {
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('button', { name: 'Show the history' }).click();
    const table = history.locator('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(3);
    const latest = (await stored()).revision;
    // Revision 2 is the first autosave (headline and text); the latest is the desk's text plus "Agreed."
    await history.getByLabel('Compare from revision 2', { exact: true }).check();
    await history.getByLabel(`Compare to revision ${latest}`, { exact: true }).check();
    await history.getByRole('button', { name: 'Show the changes' }).click();
    const diff = history.locator('.diff');
    await expect(diff.locator('ins').first().waitFor()).resolves.toBeUndefined();
    await expect(
      diff
        .locator('ins')
        .allInnerTexts()
        .then((t) => t.join(' ')),
    ).resolves.toContain('Agreed');
    await expect(
      diff
        .locator('del')
        .allInnerTexts()
        .then((t) => t.join(' ')),
    ).resolves.toContain('ship');

    const revision2 = await s.db.kysely
      .selectFrom('revisions')
      .select('snapshot')
      .where('article_id', '=', articleId)
      .where('number', '=', 2)
      .executeTakeFirstOrThrow();
    await history.getByRole('button', { name: 'Restore revision 2' }).click();
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(`Restored revision 2 as revision ${latest + 1}`);
    const after = await stored();
    expect(after.revision).toBe(latest + 1);
    expect(after.body).toEqual(JSON.parse(revision2.snapshot).body);
    await expect(page.getByLabel('Headline', { exact: true }).inputValue()).resolves.toBe(after.headline);
    await expect(body().innerText()).resolves.toContain('What happens next');
    // The editor goes on from the restored revision.
    await body().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' After the restore.');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    expect((await stored()).revision).toBe(latest + 2);
  }, 60_000);

  it('adds an existing tag and a new one by typing, a contributor with a role, and saves them', async () => {
    const tags = page.getByRole('combobox', { name: 'Tags', exact: true });
    await tags.fill('trade');
    await tags.press('Enter');
    await tags.fill('Shipping lanes');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => page.locator('.chips li').count()).toBe(2);
    await page.getByLabel('Add a contributor').fill('alice');
    await page.getByRole('button', { name: 'Add Alice Reporter' }).click();
    await page.getByLabel('Add a contributor').fill('борис');
    await page.getByRole('button', { name: 'Add Борис Переводчик' }).click();
    await page.getByLabel('Role of Борис Переводчик').selectOption('translator');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await stored()).tags.map((t) => t.name).sort(), { timeout: 15_000 }).toEqual(['Shipping lanes', 'Trade']);
    const a = await stored();
    expect(a.tags.find((t) => t.name === 'Trade')!.id).toBe(n.tagEn);
    expect(a.bylines.map((b) => [b.contributorId, b.role])).toEqual([
      [n.alice, 'author'],
      [n.boris, 'translator'],
    ]);
    await page.getByRole('button', { name: 'Remove the tag Trade' }).click();
    await expect.poll(async () => (await stored()).tags.map((t) => t.name), { timeout: 15_000 }).toEqual(['Shipping lanes']);
    expect(problems).toEqual([]);
  }, 60_000);
});
