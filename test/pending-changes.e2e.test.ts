import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getArticleRow } from '../src/db/articles-repo.js';
import { adminPage, adminSite, apiCall, apiKeysForEveryRole, expectJson, type AdminSite, type ApiJson } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom, type Newsroom } from './support/fixtures.js';
import { forEachEngine } from './support/for-each-engine.js';

/**
 * A live story in Chromium against a real server, on each database: what an editor types is saved as pending changes
 * while the public page, the feed and the article the API shows readers' side of stay as they were, until Update
 * (with a correction note); Discard; a conflict on pending changes; the confirmation before Publish.
 */
forEachEngine('pending changes in Chromium: %s', (engine) => {
  let s: AdminSite;
  let n: Newsroom;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let key: string;
  const problems: string[] = [];
  const BASE = '/api/admin/v1/articles';

  beforeAll(async () => {
    s = await adminSite(engine, { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    key = (await apiKeysForEveryRole(s)).editor;
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.editor.email, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  const api = async (method: string, path: string, body?: unknown) => expectJson(await apiCall(s, key, method, path, body));
  const fields = (headline: string, text: string) => ({
    headline,
    deck: 'Ships sail again.',
    body: doc(text),
    sectionId: n.politics,
    tagIds: [n.tagEn],
    bylines: [{ contributorId: n.alice, role: 'author' }],
  });
  const publishedStory = async (headline: string) => {
    const a = await expectJson(await apiCall(s, key, 'POST', BASE, { locale: 'en', ...fields(headline, 'The first ship left at dawn.') }), 201);
    return (await api('POST', `${BASE}/${a['id']}/status`, { status: 'published' }))['article'] as ApiJson;
  };
  /** What readers get: the article's page and the feed, as served. */
  const publicText = async (path: string) => {
    const res = await fetch(`${served.url}${path}`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const status = () => page.locator('#save-status');
  const body = () => page.locator('#body-content');
  const pending = () => page.getByRole('region', { name: 'Pending changes — not live' });
  const typeAtEnd = async (text: string) => {
    await body().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
  };

  it('typing into a live story leaves the page, the feed and the live article unchanged until Update', async () => {
    const a = await publishedStory(`Corridor live ${engine}`);
    const path = new URL(a['url']).pathname;
    const [pageBefore, feedBefore] = await Promise.all([publicText(path), publicText('/feed.xml')]);

    await page.goto(`${served.url}/admin/articles/${a['id']}/edit`);
    await expect(pending().isHidden()).resolves.toBe(true);
    await page.getByLabel('Headline', { exact: true }).fill(`Corridor live ${engine}, half-typ`);
    await typeAtEnd(' A second ship is being loa');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    await expect(pending().isVisible()).resolves.toBe(true);
    await expect(pending().innerText()).resolves.toMatch(/Saved .* by Editor Person \(revision \d+\)/);

    // Saved on the server as pending changes; readers and the live article see nothing of it.
    const row = (await getArticleRow(s.db.kysely, a['id']))!;
    expect(row.pending_revision).toBe(row.revision);
    expect(await publicText(path)).toBe(pageBefore);
    expect(await publicText('/feed.xml')).toBe(feedBefore);
    const live = await api('GET', `${BASE}/${a['id']}`);
    expect(live).toMatchObject({ headline: a['headline'], body: a['body'], updatedAt: a['updatedAt'] });
    expect(live['pendingChanges']['content']['headline']).toBe(`Corridor live ${engine}, half-typ`);

    // The word diff against the live version is one click away.
    await pending().getByRole('button', { name: 'Compare with live' }).click();
    await expect(page.locator('#pending-diff ins').first().waitFor()).resolves.toBeUndefined();
    await expect(page.locator('#pending-diff').innerText()).resolves.toContain('half-typ');

    // A reload edits the pending version, not the live one.
    await page.reload();
    await expect(page.getByLabel('Headline', { exact: true }).inputValue()).resolves.toBe(`Corridor live ${engine}, half-typ`);
    await expect(body().innerText()).resolves.toContain('A second ship is being loa');

    await page.getByLabel('Headline', { exact: true }).fill(`Corridor live ${engine}, two ships`);
    await typeAtEnd('ded.');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    expect(await publicText(path)).toBe(pageBefore);

    // Update asks first, says what will happen and offers a correction note, since the text changed.
    await pending().getByRole('button', { name: 'Update', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Make the pending changes live?' });
    await expect(dialog.innerText()).resolves.toContain('This will replace the live English page, home page and feeds now');
    // The new screens pass axe: the pending section (behind the dialog) and the confirmation with its correction note.
    expect(formatViolations(await runAxe(page), 'update confirmation')).toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await publicText(path)).toBe(pageBefore);
    await pending().getByRole('button', { name: 'Update', exact: true }).click();
    await dialog.getByLabel('Correction note (optional)').fill('An earlier version said one ship had left.');
    await dialog.getByRole('button', { name: 'Update', exact: true }).click();
    await page.waitForURL(/done=updated/);
    await expect(page.getByText('Updated: the pending changes are live.').isVisible()).resolves.toBe(true);
    await expect(pending().isHidden()).resolves.toBe(true);

    const after = await publicText(path);
    expect(after).toContain(`Corridor live ${engine}, two ships`);
    expect(after).toContain('A second ship is being loaded.');
    expect(after).toContain('An earlier version said one ship had left.');
    expect(await publicText('/feed.xml')).toContain(`Corridor live ${engine}, two ships`);
    expect((await getArticleRow(s.db.kysely, a['id']))!.pending_revision).toBeNull();
  }, 120_000);

  it('Discard asks, then drops the pending changes: the editor shows the live version again', async () => {
    const a = await publishedStory(`Discarded ${engine}`);
    const path = new URL(a['url']).pathname;
    const before = await publicText(path);
    await page.goto(`${served.url}/admin/articles/${a['id']}/edit`);
    await typeAtEnd(' A sentence nobody should read.');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    const pendingRevision = (await getArticleRow(s.db.kysely, a['id']))!.pending_revision;
    expect(pendingRevision).not.toBeNull();

    await pending().getByRole('button', { name: 'Discard', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard the pending changes?' });
    await expect(dialog.innerText()).resolves.toContain('They stay in the history.');
    await dialog.getByRole('button', { name: 'Discard', exact: true }).click();
    await page.waitForURL(/done=discarded/);
    await expect(body().innerText()).resolves.not.toContain('nobody should read');
    await expect(pending().isHidden()).resolves.toBe(true);
    expect(await publicText(path)).toBe(before);
    const row = (await getArticleRow(s.db.kysely, a['id']))!;
    expect(row.pending_revision).toBeNull();
    // Kept in the history.
    const kept = await api('GET', `${BASE}/${a['id']}/revisions/${pendingRevision}`);
    expect(JSON.stringify(kept['snapshot'])).toContain('nobody should read');
  }, 120_000);

  it('a conflict on pending changes shows both pending versions; "Keep mine" saves mine, readers still see the live one', async () => {
    const a = await publishedStory(`Contested ${engine}`);
    const path = new URL(a['url']).pathname;
    const before = await publicText(path);
    await page.goto(`${served.url}/admin/articles/${a['id']}/edit`);
    await typeAtEnd(' Mine, first.');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    const base = (await getArticleRow(s.db.kysely, a['id']))!.revision;

    // Another editor saves pending changes meanwhile.
    await api('PUT', `${BASE}/${a['id']}/pending`, { ...fields(`Contested ${engine}, theirs`, 'Their version of the text.'), baseRevision: base });
    await typeAtEnd(' Mine, again.');
    const conflict = page.getByRole('region', { name: 'Someone else saved this article while you were editing' });
    await expect(conflict.waitFor({ timeout: 15_000 })).resolves.toBeUndefined();
    await expect(conflict.locator('[data-side=theirs]').innerText()).resolves.toContain('Their version of the text.');
    await expect(conflict.locator('[data-side=mine]').innerText()).resolves.toContain('Mine, again.');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);

    const stored = await api('GET', `${BASE}/${a['id']}`);
    expect(JSON.stringify(stored['pendingChanges']['content']['body'])).toContain('Mine, again.');
    expect(stored['headline']).toBe(a['headline']);
    expect(await publicText(path)).toBe(before);
  }, 120_000);

  it('Restore on a live story asks first and puts the old revision into the pending changes, not on the public page', async () => {
    const first = await expectJson(await apiCall(s, key, 'POST', BASE, { locale: 'en', ...fields(`Restored ${engine}`, 'The first words.') }), 201);
    await api('PUT', `${BASE}/${first['id']}`, { ...fields(`Restored ${engine}, second`, 'Other words.'), baseRevision: 1 });
    const a = (await api('POST', `${BASE}/${first['id']}/status`, { status: 'published' }))['article'] as ApiJson;
    const path = new URL(a['url']).pathname;
    const before = await publicText(path);
    await page.goto(`${served.url}/admin/articles/${a['id']}/edit`);
    await page.getByRole('button', { name: 'Show the history' }).click();
    await page.getByRole('button', { name: 'Restore revision 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore revision 1?' });
    await expect(dialog.innerText()).resolves.toContain('The public page does not change until you press Update.');
    await dialog.getByRole('button', { name: 'Restore revision 1' }).click();
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Revision 1 is in the pending changes/);
    await expect(page.getByLabel('Headline', { exact: true }).inputValue()).resolves.toBe(`Restored ${engine}`);
    const stored = await api('GET', `${BASE}/${a['id']}`);
    expect(stored).toMatchObject({ headline: `Restored ${engine}, second`, pendingChanges: { content: { headline: `Restored ${engine}` } } });
    expect(await publicText(path)).toBe(before);
    await expect(pending().isVisible()).resolves.toBe(true);
  }, 120_000);

  it('Publish asks first and says where the story goes; Cancel leaves it a draft', async () => {
    const a = await expectJson(await apiCall(s, key, 'POST', BASE, { locale: 'en', ...fields(`To publish ${engine}`, 'Ready.') }), 201);
    await page.goto(`${served.url}/admin/articles/${a['id']}/edit`);
    const publish = page.locator('#workflow').getByRole('button', { name: 'Publish', exact: true });
    await publish.click();
    const dialog = page.getByRole('dialog', { name: 'Publish?' });
    await expect(dialog.innerText()).resolves.toContain('This will publish it to the English home page and feeds now.');
    expect(formatViolations(await runAxe(page), 'publish confirmation')).toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.isHidden()).resolves.toBe(true);
    expect((await getArticleRow(s.db.kysely, a['id']))!.status).toBe('draft');
    await publish.click();
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.waitForURL(/done=moved/);
    expect((await getArticleRow(s.db.kysely, a['id']))!.status).toBe('published');
    // Now live: the editor saves pending changes from here on.
    await expect(page.locator('#article-form').getAttribute('data-live')).resolves.toBe('true');
    expect(problems).toEqual([]);
  }, 120_000);
});
