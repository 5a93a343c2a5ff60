import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import type { Agent } from '#test/admin.js';
import { listJobs } from '../../db/jobs-repo.js';
import { listPartnerRecords } from '../../db/partners-repo.js';
import { INGEST_POLL } from '../../services/ingest.js';
import { createArticle } from '../../services/article-store.js';

describeApi('admin partners screen: %s', ({ site: s, newsroom: n }) => {
  let editor: Agent;
  let csrf: string;
  const vesti = {
    'name-en': 'Steppe News',
    'name-ru': 'Степные вести',
    'name-kk': '',
    'credit-en': 'This story was first published by',
    'credit-ru': '',
    'credit-kk': '',
    url: 'https://vesti.example',
    locale: 'ru',
    licence: 'With credit.',
    logoMediaId: '',
    active: '1',
  };

  beforeAll(async () => {
    editor = s.agent();
    await editor.login('editor@example.org');
    csrf = await editor.csrfFrom('/admin/partners');
  });

  it('lists partners, linked from the nav; writers read it without forms', async () => {
    const html = await (await editor.get('/admin/partners')).text();
    expect(html).toContain('<a href="/admin/partners" aria-current="page">Partners</a>');
    expect(html).toContain('Steppe Courier');
    expect(html).toContain('Add the partner');
    const author = s.agent();
    await author.login('author@example.org');
    const theirs = await (await author.get('/admin/partners')).text();
    expect(theirs).toContain('Steppe Courier');
    expect(theirs).not.toContain('Add the partner');
    const token = await author.csrfFrom('/admin/partners');
    expect((await author.post('/admin/partners', { _csrf: token, ...vesti })).status).toBe(403);
  });

  it('adds, edits and makes a partner inactive; the editor no longer offers it', async () => {
    const res = await editor.post('/admin/partners', { _csrf: csrf, ...vesti });
    expect(res.status).toBe(303);
    const id = Number(/partners\/(\d+)\?done=created$/.exec(res.headers.get('location')!)![1]);
    const [p] = await listPartnerRecords(s.db.kysely, { id });
    expect(p).toMatchObject({
      name: 'Степные вести',
      names: { en: 'Steppe News', ru: 'Степные вести' },
      creditLines: { en: 'This story was first published by' },
    });
    const saved = await editor.post(`/admin/partners/${id}`, { _csrf: csrf, ...vesti, active: '' });
    expect(saved.headers.get('location')).toBe(`/admin/partners/${id}?done=saved`);
    expect((await listPartnerRecords(s.db.kysely, { id }))[0]!.active).toBe(false);
    const story = await createArticle(s.deps, { locale: 'en', headline: 'A story', body: doc('Text.'), sectionId: n.economy, status: 'draft' });
    const form = await (await editor.get(`/admin/articles/${story}/edit`)).text();
    expect(form).toContain('Steppe Courier');
    expect(form).not.toContain('Степные вести');
  });

  it('takes the feed address: a bad one is refused with the field, the reason and a hint; a good one is polled at once', async () => {
    const page = await (await editor.get('/admin/partners')).text();
    expect(page).toMatch(/<label for="new-feed">Feed address/);
    expect(page).toContain('name="feedUrl" type="url"');
    const sent = { _csrf: csrf, ...vesti, 'name-ru': 'Лента-тест', 'name-en': '' };
    for (const [feedUrl, why] of [
      ['ftp://feeds.example/rss', 'not an http:// or https:// address'],
      ['feeds.example/rss', 'not an http:// or https:// address'],
      ['https://user:secret@feeds.example/rss', 'user name or password'],
    ] as const) {
      const bad = await editor.post('/admin/partners', { ...sent, feedUrl });
      expect(bad.status, feedUrl).toBe(422);
      const html = await bad.text();
      expect(html).toContain('feedUrl');
      expect(html).toContain(why);
      expect(html).toContain('Give full addresses starting with http:// or https://');
      expect(html).toContain(`value="${feedUrl.replace(/&/g, '&amp;')}"`);
    }
    const ok = await editor.post('/admin/partners', { ...sent, feedUrl: 'https://feeds.example/rss' });
    expect(ok.status).toBe(303);
    const id = Number(/partners\/(\d+)\?done=created$/.exec(ok.headers.get('location')!)![1]);
    expect((await listPartnerRecords(s.db.kysely, { id }))[0]!.feedUrl).toBe('https://feeds.example/rss');
    expect(await (await editor.get(`/admin/partners/${id}`)).text()).toContain('value="https://feeds.example/rss"');
    const polls = (await listJobs(s.db.kysely, { kind: INGEST_POLL })).filter((j) => j.payload.partnerId === id && j.state === 'pending');
    expect(polls).toHaveLength(1);
    // Emptied: no longer polled (the queued poll finds no feed and ends the schedule).
    await editor.post(`/admin/partners/${id}`, { ...sent, feedUrl: '' });
    expect((await listPartnerRecords(s.db.kysely, { id }))[0]!.feedUrl).toBeNull();
  });

  it('shows a refusal with what was sent, and keeps a credited partner', async () => {
    const bad = await editor.post('/admin/partners', { _csrf: csrf, ...vesti, 'name-ru': 'Другие', url: 'not a url' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('value="Другие"');
    await createArticle(s.deps, {
      locale: 'en',
      headline: 'Credited',
      body: doc('Text.'),
      sectionId: n.economy,
      source: { partnerId: n.partner },
      status: 'draft',
    });
    const kept = await editor.post(`/admin/partners/${n.partner}/delete`, { _csrf: csrf });
    expect(kept.status).toBe(422);
    expect(await kept.text()).toContain('Make the partner inactive instead');
  });
  it('speaks the reader’s interface language: Russian headings, labels and notices', async () => {
    const ru = { 'accept-language': 'ru-RU,ru;q=0.9' };
    const list = await (await editor.get('/admin/partners?done=created', ru)).text();
    expect(list).toContain('<h1>Партнёры</h1>');
    expect(list).toContain('Партнёр добавлен.');
    expect(list).toContain('Добавить партнёра');
    expect(list).not.toContain('Add the partner');
    const one = await (await editor.get(`/admin/partners/${n.partner}`, ru)).text();
    expect(one).toContain('Партнёр: Steppe Courier');
    expect(one).toContain('Строка об источнике (Русский)');
    expect(one).not.toMatch(/Site address|Licence terms|Credit line/);
  });
});
