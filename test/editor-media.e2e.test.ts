import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, adminSite, apiCall, apiKeysForEveryRole, type AdminSite, type ApiJson } from './support/admin.js';
import { formatViolations, launchBrowser, runAxe, serveApp, type ServedApp } from './support/browser.js';
import { doc, newsroom, type Newsroom } from './support/fixtures.js';
import { testImage } from './support/images.js';

/**
 * The editor's dialogs in Chromium against a real server: inserting an image from the media library or by upload,
 * a refused upload, a link, an embed and a fact box, Escape and the focus, and axe with the image dialog open. What
 * was stored is read back through the Admin API.
 */
describe('editor dialogs and the media picker in Chromium', () => {
  let s: AdminSite;
  let n: Newsroom;
  let key: string;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let articleId: number;
  let harbour: ApiJson;
  const problems: string[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await apiCall(s, key, method, `/api/admin/v1${path}`, body);
    return { status: res.status, json: (await res.json()) as ApiJson };
  };
  const uploadByApi = async (bytes: Uint8Array, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await s.app.request('/api/admin/v1/media', { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(201);
    return (await res.json()) as ApiJson;
  };

  beforeAll(async () => {
    s = await adminSite('sqlite', { site: { siteUrl: 'http://127.0.0.1' } });
    n = await newsroom(s.db);
    // An editor may edit every story, so the one made here through the API opens in the editor.
    key = (await apiKeysForEveryRole(s)).editor;
    harbour = await uploadByApi(await testImage('jpeg', 800, 500), 'harbour.jpg', {
      alt: 'Harbour cranes at dusk',
      caption: 'The port at night',
      credit: 'Photo: Desk',
    });
    await uploadByApi(await testImage('png', 300, 200), 'undescribed.png');
    // More than one page of the picker (24), newest first: these come before the two above.
    for (let i = 0; i < 24; i++) await uploadByApi(await testImage('png', 40 + i, 30), `filler-${i}.png`, { alt: `Filler ${i}` });
    const created = await api('POST', '/articles', { locale: 'en', headline: 'Port reopens', sectionId: n.economy, body: doc('Ships are back.') });
    expect(created.status).toBe(201);
    articleId = created.json['id'];

    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    page = await adminPage(browser, served.url, s.users.editor.email, problems);
    await page.goto(`${served.url}/admin/articles/${articleId}/edit`);
    await page.locator('#body-content').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  const tool = (name: string) => page.getByRole('toolbar', { name: 'Text' }).getByRole('button', { name, exact: true });
  const dialog = (name: string) => page.getByRole('dialog', { name });
  const status = () => page.locator('#save-status');
  const body = () => page.locator('#body-content');
  const storedBody = async () => (await api('GET', `/articles/${articleId}`)).json['body'] as { content: ApiJson[] };
  const storedNodes = async (type: string) => (await storedBody()).content.filter((b) => b.type === type);
  // What has the focus: "the toolbar's Image", "#image-upload-file", "button No alt text…" (a string: the test has no
  // DOM types).
  const focused = () =>
    page.evaluate(
      `(() => { const e = document.activeElement; return !e ? '' : e.closest('[role=toolbar]') ? "the toolbar's " + e.textContent : e.id ? '#' + e.id : e.tagName.toLowerCase() + ' ' + e.textContent })()`,
    ) as Promise<string>;
  /** Puts the caret at the end of the text, on a new paragraph. */
  const newParagraph = async () => {
    await body().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
  };

  it('opens "Insert image" with the library, passes axe, and Escape closes it with the focus back on Image', async () => {
    await body().click();
    await tool('Image').click();
    const d = dialog('Insert image');
    await expect(d.getByRole('tab', { name: 'From the library' }).getAttribute('aria-selected')).resolves.toBe('true');
    const grid = d.getByRole('list', { name: 'Images in the library' });
    await expect.poll(() => grid.getByRole('button').count()).toBe(24);
    // Newest first: the fillers; the harbour photo and the undescribed one are behind "More".
    await expect(d.getByRole('status').first().innerText()).resolves.toMatch(/24 images, more on request/);
    await d.getByRole('button', { name: 'More', exact: true }).click();
    await expect.poll(() => grid.getByRole('button').count()).toBe(27); // 26 uploads and the newsroom's photo
    expect(await focused()).toBe('button No alt text (undescribed.png)');
    await expect(grid.getByRole('button', { name: 'No alt text (undescribed.png)' }).count()).resolves.toBe(1);
    await expect(grid.getByRole('button', { name: 'Harbour cranes at dusk' }).count()).resolves.toBe(1);
    // Thumbnails are the smallest JPEG rendition.
    await expect(grid.getByRole('button', { name: 'Harbour cranes at dusk' }).locator('img').getAttribute('src')).resolves.toMatch(/-320\.jpg$/);

    const violations = await runAxe(page);
    expect(violations, formatViolations(violations, 'editor with the image dialog open')).toEqual([]);

    await page.keyboard.press('Escape');
    await expect.poll(() => d.count()).toBe(0);
    // Focus comes back when the dialog's close event has run, a task after it closed: wait for it, do not race it.
    await expect.poll(focused).toBe("the toolbar's Image");
  }, 60_000);

  it('picks a library item: alt, caption and credit come from it and can be changed; alt text is required', async () => {
    await newParagraph();
    await tool('Image').click();
    const d = dialog('Insert image');
    await d.getByLabel('Search alt text and captions').fill('harbour');
    await d.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => d.getByRole('list', { name: 'Images in the library' }).getByRole('button').count()).toBe(1);
    await d.getByRole('button', { name: 'Harbour cranes at dusk' }).click();
    const chosen = d.getByRole('form', { name: 'The chosen image' });
    const alt = chosen.getByLabel('Alt text', { exact: true });
    await expect(alt.inputValue()).resolves.toBe('Harbour cranes at dusk');
    expect(await focused()).toBe('#image-chosen-alt');
    await expect(chosen.getByLabel('Credit').inputValue()).resolves.toBe('Photo: Desk');
    await alt.fill('');
    await d.getByRole('button', { name: 'Insert the image' }).click();
    await expect(d.getByText(/readers who cannot see it get, and the story cannot be published/).isVisible()).resolves.toBe(true);
    await expect(alt.getAttribute('aria-invalid')).resolves.toBe('true');
    await alt.fill('Two cranes over the harbour at dusk');
    await chosen.getByLabel('Caption').fill('The port reopened on Monday');
    await d.getByRole('button', { name: 'Insert the image' }).click();
    await expect.poll(() => d.count()).toBe(0);

    await expect.poll(() => storedNodes('image'), { timeout: 15_000 }).toHaveLength(1);
    const [image] = await storedNodes('image');
    expect(image!.attrs).toMatchObject({
      mediaId: harbour['id'],
      alt: 'Two cranes over the harbour at dusk',
      caption: 'The port reopened on Monday',
      credit: 'Photo: Desk',
    });
    expect(image!.attrs.src).toMatch(/^\/media\/lib\/.+-800\.jpg$/);
  }, 60_000);

  it('uploads a PNG with alt text and inserts it; the upload needs alt text first', async () => {
    await newParagraph();
    await tool('Image').click();
    await dialog('Insert image').getByRole('tab', { name: 'Upload' }).click();
    const d = dialog('Insert image').getByRole('tabpanel', { name: 'Upload' });
    await d.getByLabel('Image file').setInputFiles({ name: 'exports.png', mimeType: 'image/png', buffer: await testImage('png', 640, 400) });
    await d.getByRole('button', { name: 'Upload and insert' }).click();
    await expect(d.getByText(/readers who cannot see it get/).isVisible()).resolves.toBe(true);
    expect(await focused()).toBe('#image-upload-alt');
    const before = (await api('GET', '/media?limit=100')).json['items'].length;

    await d.getByLabel('Alt text', { exact: true }).fill('Bar chart of grain exports by month');
    await d.getByLabel('Credit').fill('Chart: Data desk');
    await d.getByRole('button', { name: 'Upload and insert' }).click();
    await expect.poll(() => d.count(), { timeout: 15_000 }).toBe(0);

    const items = (await api('GET', `/media?q=${encodeURIComponent('grain exports')}`)).json['items'] as ApiJson[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ alt: 'Bar chart of grain exports by month', credit: 'Chart: Data desk', originalName: 'exports.png', width: 640 });
    expect((await api('GET', '/media?limit=100')).json['items'].length).toBe(before + 1);
    await expect.poll(async () => (await storedNodes('image')).map((i) => i.attrs.mediaId), { timeout: 15_000 }).toEqual([harbour['id'], items[0]!['id']]);
    const uploaded = (await storedNodes('image'))[1]!;
    expect(uploaded.attrs).toMatchObject({ alt: 'Bar chart of grain exports by month', credit: 'Chart: Data desk', caption: null });
    expect(uploaded.attrs.src).toMatch(/-640\.jpg$/);
  }, 60_000);

  it('shows the API’s message and hint in the dialog when an upload is refused', async () => {
    await tool('Image').click();
    await dialog('Insert image').getByRole('tab', { name: 'Upload' }).click();
    const d = dialog('Insert image').getByRole('tabpanel', { name: 'Upload' });
    await d.getByLabel('Image file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('Just some words, not a picture.\n') });
    await d.getByLabel('Alt text', { exact: true }).fill('Not really an image');
    await d.getByRole('button', { name: 'Upload and insert' }).click();
    const alert = d.getByRole('alert');
    await expect.poll(() => alert.innerText(), { timeout: 15_000 }).toMatch(/JPEG, PNG, WebP, GIF or AVIF/);
    // The text of the API's problem, not a message of the editor's own.
    const refused = await s.app.request('/api/admin/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: (() => {
        const f = new FormData();
        f.append('file', new Blob([Buffer.from('Just some words, not a picture.\n')]), 'notes.png');
        return f;
      })(),
    });
    const problem = (await refused.json()) as ApiJson;
    expect(problem['code']).toBe('UNSUPPORTED_MEDIA');
    await expect(alert.innerText()).resolves.toContain(problem['detail']);
    await expect(alert.innerText()).resolves.toContain(problem['hint']);
    expect(await focused()).toBe('#image-upload-file');
    await dialog('Insert image').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => d.count()).toBe(0);
    // Focus comes back when the dialog's close event has run, a task after it closed: wait for it, do not race it.
    await expect.poll(focused).toBe("the toolbar's Image");
    expect(await storedNodes('image')).toHaveLength(2);
  }, 60_000);

  it('links the selected words through the link dialog, refuses a javascript: address, and removes a link when emptied', async () => {
    await newParagraph();
    await page.keyboard.type('Read the report');
    await page.keyboard.press('Shift+Home');
    await tool('Link').click();
    const d = dialog('Link');
    const address = d.getByLabel('Address');
    await address.fill('javascript:alert(1)');
    await d.getByRole('button', { name: 'Add the link' }).click();
    await expect(d.getByText(/Only web \(http:\/\/ or https:\/\/\), mailto: and this site’s/).isVisible()).resolves.toBe(true);
    await expect(address.getAttribute('aria-invalid')).resolves.toBe('true');
    await address.fill('example.org/report');
    await d.getByRole('button', { name: 'Add the link' }).click();
    await expect.poll(() => d.count()).toBe(0);
    const linked = async () =>
      (await storedNodes('paragraph')).flatMap((p) =>
        (p.content ?? []).filter((t: ApiJson) => t.marks?.some((m: ApiJson) => m.type === 'link')).map((t: ApiJson) => [t.text, t.marks[0].attrs.href]),
      );
    await expect.poll(linked, { timeout: 15_000 }).toEqual([['Read the report', 'https://example.org/report']]);

    // The caret in the link: the dialog offers its address, and emptying it takes the link away.
    await page.keyboard.press('ArrowLeft');
    await expect(tool('Link').getAttribute('aria-pressed')).resolves.toBe('true');
    await tool('Link').click();
    const edit = dialog('Edit the link');
    await expect(edit.getByLabel('Address').inputValue()).resolves.toBe('https://example.org/report');
    await edit.getByLabel('Address').fill('');
    await edit.getByRole('button', { name: 'Save the link' }).click();
    await expect.poll(linked, { timeout: 15_000 }).toEqual([]);
  }, 60_000);

  it('embeds a YouTube video through the embed dialog, which names the providers and refuses others', async () => {
    await newParagraph();
    await tool('Embed').click();
    const d = dialog('Embed');
    await expect(d.innerText()).resolves.toMatch(/YouTube, X or Telegram/);
    const url = d.getByLabel('Address of the post or video');
    await url.fill('https://vimeo.com/123456');
    await d.getByRole('button', { name: 'Embed it' }).click();
    await expect(d.getByText(/This address cannot be embedded: only https addresses of YouTube, X or Telegram/).isVisible()).resolves.toBe(true);
    await url.fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await d.getByRole('button', { name: 'Embed it' }).click();
    await expect.poll(() => d.count()).toBe(0);
    await expect
      .poll(async () => (await storedNodes('embed')).map((e) => e.attrs), { timeout: 15_000 })
      .toEqual([{ url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', provider: 'youtube' }]);

    // Escape cancels: nothing is added and the focus is back on the button.
    await tool('Embed').click();
    await dialog('Embed').getByLabel('Address of the post or video').fill('https://t.me/channel/1');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog('Embed').count()).toBe(0);
    // Focus comes back when the dialog's close event has run, a task after it closed: wait for it, do not race it.
    await expect.poll(focused).toBe("the toolbar's Embed");
    await body().click();
    await page.keyboard.type(' ');
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toMatch(/^Saved \d/);
    expect(await storedNodes('embed')).toHaveLength(1);
  }, 60_000);

  it('wraps a paragraph in a fact box with the title given in its dialog', async () => {
    await newParagraph();
    await page.keyboard.type('Talks resume on Friday.');
    await tool('Fact box').click();
    const d = dialog('Fact box');
    await expect(d.getByLabel('Title').inputValue()).resolves.toBe('What we know');
    await d.getByLabel('Title').fill('Key dates');
    await page.keyboard.press('Enter');
    await expect.poll(() => d.count()).toBe(0);
    await expect
      .poll(async () => (await storedNodes('factBox')).map((b) => [b.attrs.title, b.content[0].content[0].text]), { timeout: 15_000 })
      .toEqual([['Key dates', 'Talks resume on Friday.']]);
    expect(problems).toEqual([]);
  }, 60_000);
});
