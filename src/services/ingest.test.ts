import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listWireItems } from '../db/wire-repo.js';
import { listJobs } from '../db/jobs-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps } from '#test/fixtures.js';
import { waitFor } from '#test/wait-for.js';
import { createPartner, updatePartner } from './partners.js';
import { ingestPollHandler, INGEST_POLL, pollPartner, POLL_BUDGET_MS, runIngest, scheduleIngest } from './ingest.js';
import { JOB_LEASE_MS, startJobRunner } from './jobs.js';
import { nowIso } from './deps.js';
import { closeWirePool } from './wire-pool.js';
import { listWire } from './wire.js';

const SYSTEM = { actor: { id: 0, role: 'admin' as const, active: true }, userId: null, apiKeyId: null };
const PARA = 'Суд Алматы отменил решение акимата о сносе жилых домов в микрорайоне, сообщили участники процесса. '.repeat(4);

const rss = (enc: string, items: string) =>
  `<?xml version="1.0" encoding="${enc}"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>VT</title><language>ru</language><link>https://vt.example/</link>${items}</channel></rss>`;
const item = (guid: string, title: string, link: string, full = true) =>
  `<item><title>${title}</title><link>${link}</link><guid isPermaLink="false">${guid}</guid><description>Кратко: ${title}</description>${full ? `<content:encoded><![CDATA[<p>${title}. ${PARA}</p>]]></content:encoded>` : ''}<pubDate>Sun, 06 Dec 2026 05:00:00 GMT</pubDate></item>`;

let server: http.Server;
let base = '';
let feedHits = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url!;
    const send = (type: string, body: Buffer | string, extra: Record<string, string> = {}) => res.writeHead(200, { 'content-type': type, ...extra }).end(body);
    if (path === '/cp1251') {
      feedHits++;
      if (req.headers['if-none-match'] === '"cp1"') return void res.writeHead(304).end();
      return send(
        'application/rss+xml',
        iconv.encode(
          rss(
            'windows-1251',
            item('a1', 'Суд отменил снос', `${base}/news/1`) +
              item('a1', 'Суд отменил снос (повтор)', `${base}/news/1`) +
              item('a2', 'Тот же текст, другой guid', `${base}/news/1/`) +
              item('a3', 'Без текста', `${base}/page/3`, false),
          ),
          'windows-1251',
        ),
        { etag: '"cp1"' },
      );
    }
    if (path === '/koi8') return send('text/xml', iconv.encode(rss('koi8-r', item('k1', 'Новости на КОИ-8', `${base}/news/k1`)), 'koi8-r'));
    if (path === '/gzip')
      return send('application/rss+xml; charset=utf-8', zlib.gzipSync(rss('utf-8', item('g1', 'Сжатая лента', `${base}/news/g1`))), {
        'content-encoding': 'gzip',
      });
    if (path === '/html') return send('text/html', '<!doctype html><html><head><title>VT</title></head><body><h1>Welcome</h1></body></html>');
    if (path === '/garbage') return send('application/octet-stream', Buffer.from([0, 159, 146, 150, 1, 2, 3]));
    if (path === '/atom')
      return send(
        'application/atom+xml',
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="${base}/atom-base/"><title>B</title><id>b</id><updated>2026-01-01T00:00:00Z</updated><entry><id>tag:b,1</id><title>Atom story</title><link href="story.html"/><updated>2026-01-02T00:00:00Z</updated><content type="html">&lt;p&gt;Atom text with &lt;a href="rel.html"&gt;a link&lt;/a&gt;&lt;/p&gt;</content></entry></feed>`,
      );
    if (path === '/json')
      return send(
        'application/feed+json',
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'J',
          items: [{ id: 'j1', url: `${base}/j/1`, title: 'JSON story', content_html: '<p>JSON text</p>' }],
        }),
      );
    if (path === '/rdf')
      return send(
        'application/rdf+xml',
        `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="${base}/"><title>C</title><link>${base}/</link><description>d</description></channel><item rdf:about="${base}/r/1"><title>RDF story</title><link>${base}/r/1</link><description>RDF summary</description></item></rdf:RDF>`,
      );
    if (path === '/slow') {
      const items = [1, 2, 3].map((i) => item(`s${i}`, `Медленная ${i}`, `${base}/slow-page/${i}`, false)).join('');
      return send('application/rss+xml; charset=utf-8', rss('utf-8', items));
    }
    // A story page that answers after the poll's budget: the poll must not wait for it (nor for the others).
    if (path.startsWith('/slow-page/')) {
      const timer = setTimeout(() => send('text/html', `<html><body><article><p>${PARA}</p></article></body></html>`), 4_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/page/3')
      return send(
        'text/html; charset=utf-8',
        `<html><body><nav>Menu</nav><article><h1>Без текста</h1><p>${PARA}</p><p>${PARA}</p></article><footer>©</footer></body></html>`,
      );
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await closeWirePool();
  await new Promise<void>((r) => server.close(() => r()));
});

const allow = { allowPrivateHosts: ['127.0.0.1'] };

forEachEngine('partner ingest: %s', (engine) => {
  let o: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    o = await openDb(engine);
    deps = testDeps(o.db);
    for (const name of ['cp1251', 'koi8', 'gzip', 'html', 'garbage', 'atom', 'json', 'rdf']) {
      const p = await createPartner(deps, SYSTEM, ['en', 'ru'], { names: { ru: name }, url: 'https://vt.example', locale: 'ru', feedUrl: `${base}/${name}` });
      ids[name] = p.id;
    }
  }, 60_000);
  afterAll(() => o?.cleanup());

  it('refuses the loopback feeds without ALLOW_PRIVATE_HOSTS, and stores nothing', async () => {
    const [r] = await runIngest(deps, { allowPrivateHosts: [], partner: 'cp1251' });
    expect(r!.error).toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
    expect((await listWireItems(o.db.kysely)).total).toBe(0);
  });

  it('reads every format and encoding, drops duplicates by guid and link, completes a summary from its page', async () => {
    const reports = await runIngest(deps, allow);
    const by = Object.fromEntries(reports.map((r) => [r.partner, r]));
    expect(by.cp1251).toMatchObject({ new: 2, duplicate: 2, error: null });
    for (const name of ['koi8', 'gzip', 'atom', 'json', 'rdf']) expect(by[name], name).toMatchObject({ new: 1, error: null });
    expect(by.html!.error).toMatchObject({ code: 'FEED_NOT_A_FEED' });
    expect(by.html!.error!.message).toMatch(/an HTML page, not a feed/);
    expect(by.garbage!.error).toMatchObject({ code: 'FEED_NOT_A_FEED' });

    const all = (await listWireItems(o.db.kysely, { limit: 100 })).items;
    const t = (title: string) => all.find((i) => i.title === title)!;
    expect(t('Суд отменил снос')).toMatchObject({ fullText: true, language: 'ru', publishedAt: '2026-12-06T05:00:00.000Z' });
    expect(t('Новости на КОИ-8')).toBeTruthy();
    expect(t('Сжатая лента')).toBeTruthy();
    const extracted = t('Без текста');
    expect(extracted.fullText).toBe(true);
    expect(extracted.contentHtml).toContain('Суд Алматы отменил');
    expect(extracted.contentHtml).not.toContain('Menu');
    const atom = t('Atom story');
    expect(atom.link).toBe(`${base}/atom-base/story.html`);
    expect(atom.contentHtml).toContain(`href="${base}/atom-base/rel.html"`);
    expect(t('JSON story').contentHtml).toBe('<p>JSON text</p>');
    // The RDF item's page is not there: it keeps its summary and says why.
    expect(t('RDF story')).toMatchObject({ fullText: false, summary: 'RDF summary' });
    expect(t('RDF story').extractError).toMatch(/FETCH_HTTP_ERROR/);
  });

  it('asks again with the ETag it was given, and a second poll duplicates nothing', async () => {
    const before = feedHits;
    const [r] = await runIngest(deps, { ...allow, partner: String(ids.cp1251) });
    expect(r).toMatchObject({ notModified: true, new: 0 });
    expect(feedHits).toBe(before + 1);
    const again = await runIngest(deps, { ...allow, partner: 'koi8' });
    expect(again[0]).toMatchObject({ new: 0, duplicate: 1 });
  });

  it('filters the inbox by partner, language, date and text', async () => {
    const k = o.db.kysely;
    const list = (f: Parameters<typeof listWire>[2]) => listWire(deps, SYSTEM, f);
    expect((await listWireItems(k, { partnerId: ids.cp1251 })).total).toBe(2);
    expect((await list({ q: 'кои-8' })).items.map((i) => i.title)).toEqual(['Новости на КОИ-8']);
    expect((await list({ q: 'СНОСЕ' })).total).toBe(4);
    expect((await list({ q: 'atom link' })).total).toBe(1);
    expect((await listWireItems(k, { language: 'xx' })).total).toBe(0);
    expect((await listWireItems(k, { from: '2026-12-06T00:00:00.000Z', to: '2026-12-07T00:00:00.000Z', partnerId: ids.cp1251 })).total).toBe(2);
    expect((await list({ q: '100%_' })).total).toBe(0);
  });

  // Issue 15: the inbox's search was a substring match; it now reads the full-text index the article search's way.
  it('searches the inbox by stem and prefix, ё as е, and reads operators as text', async () => {
    const list = async (q: string) => (await listWire(deps, SYSTEM, { q })).total;
    expect(await list('сносах')).toBe(4);
    expect(await list('акимата решения')).toBe(await list('акимат'));
    expect(await list('микрорай')).toBeGreaterThan(0);
    expect(await list('снос -отменил')).toBe(0);
    expect(await list('"NEAR(" OR * AND')).toBe(0);
  });

  it('keeps one poll per partner queued, each queuing the next one', async () => {
    const k = o.db.kysely;
    // Adding each partner queued its first poll already: the start-up pass finds nothing to add.
    expect(await scheduleIngest(deps)).toBe(0);
    const pending = (await listJobs(k, { kind: INGEST_POLL })).filter((j) => j.state === 'pending');
    expect(new Set(pending.map((j) => j.payload.partnerId))).toEqual(new Set(Object.values(ids)));
    const job = pending.find((j) => j.payload.partnerId === ids.json)!;
    await ingestPollHandler(deps, { ...allow, intervalMinutes: 15 })(job);
    const next = (await listJobs(k, { kind: INGEST_POLL })).filter((j) => j.payload.partnerId === ids.json && j.state === 'pending');
    expect(next.map((j) => j.runAt)).toContain(new Date(deps.clock().getTime() + 15 * 60_000).toISOString());
  });

  it('regression: a partner added while the server runs is polled without a restart', async () => {
    const k = o.db.kysely;
    const runner = startJobRunner(deps, { [INGEST_POLL]: ingestPollHandler(deps, { ...allow, intervalMinutes: 15 }) }, { maxWaitMs: 60_000 });
    try {
      await runner.idle();
      const p = await createPartner(deps, SYSTEM, ['en', 'ru'], {
        names: { ru: 'added-live' },
        url: 'https://vt.example',
        locale: 'ru',
        feedUrl: `${base}/json`,
      });
      await waitFor(async () => (await listWireItems(k, { partnerId: p.id })).total === 1, { timeout: 20_000, what: 'the new partner’s first poll' });
      // Without a feed nothing is queued; given one later (or made active again), it is.
      const later = await createPartner(deps, SYSTEM, ['en', 'ru'], { names: { ru: 'feed-later' }, url: 'https://vt.example', locale: 'ru' });
      const queuedFor = async (id: number) => (await listJobs(k, { kind: INGEST_POLL })).filter((j) => j.payload.partnerId === id).length;
      expect(await queuedFor(later.id)).toBe(0);
      await updatePartner(deps, SYSTEM, ['en', 'ru'], later.id, { feedUrl: `${base}/rdf` });
      await waitFor(async () => (await listWireItems(k, { partnerId: later.id })).total === 1, { timeout: 20_000, what: 'the new partner’s first poll' });
    } finally {
      await runner.stop();
    }
  });

  it('regression: a changed feed URL was first polled up to 15 minutes later: its waiting poll now moves to now', async () => {
    const k = o.db.kysely;
    const runner = startJobRunner(deps, { [INGEST_POLL]: ingestPollHandler(deps, { ...allow, intervalMinutes: 15 }) }, { maxWaitMs: 60_000 });
    const p = await createPartner(deps, SYSTEM, ['en', 'ru'], {
      names: { ru: 'moved-feed' },
      url: 'https://vt.example',
      locale: 'ru',
      feedUrl: `${base}/json`,
    });
    const waiting = async () => (await listJobs(k, { kind: INGEST_POLL })).filter((j) => j.payload.partnerId === p.id && j.state === 'pending');
    try {
      await waitFor(async () => (await waiting()).some((j) => j.runAt > nowIso(deps)), { timeout: 20_000, what: 'the first poll and the next one queued' });
    } finally {
      await runner.stop();
    }
    const later = await waiting();
    expect(later).toHaveLength(1);
    await updatePartner(deps, SYSTEM, ['en', 'ru'], p.id, { feedUrl: `${base}/rdf` });
    // The same job, now due: no second schedule beside it.
    const moved = await waiting();
    expect(moved.map((j) => j.id)).toEqual([later[0]!.id]);
    expect(moved[0]!.runAt <= nowIso(deps)).toBe(true);
    // Another change that keeps the feed leaves the schedule alone.
    await updatePartner(deps, SYSTEM, ['en', 'ru'], p.id, { licence: 'CC BY 4.0' });
    expect(await waiting()).toHaveLength(1);
  });

  it('regression: the demo’s allowed origin is for the demo partner only, not another partner with a feed there', async () => {
    const demo = await createPartner(deps, SYSTEM, ['en', 'ru'], {
      names: { ru: 'demo-origin' },
      url: 'https://vt.example',
      locale: 'ru',
      feedUrl: `${base}/json`,
    });
    const other = await createPartner(deps, SYSTEM, ['en', 'ru'], {
      names: { ru: 'other-origin' },
      url: 'https://vt.example',
      locale: 'ru',
      feedUrl: `${base}/json`,
    });
    const opts = { allowPrivateHosts: [], allowOrigins: new Map([[demo.id, [new URL(base).origin]]]) };
    const feed = { feedUrl: `${base}/json`, locale: 'ru' };
    expect((await pollPartner(deps, { id: demo.id, name: 'demo-origin', ...feed }, opts)).error).toBeNull();
    expect((await pollPartner(deps, { id: other.id, name: 'other-origin', ...feed }, opts)).error).toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
  });

  it('stops fetching story pages when the poll’s time is spent, well inside the job lease', async () => {
    expect(POLL_BUDGET_MS).toBeLessThan(JOB_LEASE_MS);
    const p = await createPartner(deps, SYSTEM, ['en', 'ru'], { names: { ru: 'slow' }, url: 'https://vt.example', locale: 'ru', feedUrl: `${base}/slow` });
    const started = performance.now();
    const r = await pollPartner(deps, { id: p.id, name: 'slow', feedUrl: `${base}/slow`, locale: 'ru' }, { ...allow, budgetMs: 1_500 });
    // One page is waited for until the budget runs out; the other two are not asked for at all.
    expect(performance.now() - started).toBeLessThan(3_500);
    expect(r).toMatchObject({ new: 3, error: null });
    const items = (await listWireItems(o.db.kysely, { partnerId: p.id })).items;
    expect(items.map((i) => i.fullText)).toEqual([false, false, false]);
    expect(items.filter((i) => /FETCH_TIMEOUT/.test(i.extractError ?? ''))).toHaveLength(1);
    expect(items.filter((i) => /time was spent/.test(i.extractError ?? ''))).toHaveLength(2);
  });
});

describe('ingest without partners', () => {
  it('says which partner it does not know', async () => {
    const o = await openDb('sqlite');
    try {
      await expect(runIngest(testDeps(o.db), { ...allow, partner: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await o.cleanup();
    }
  });
});
