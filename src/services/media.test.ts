import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRenditions } from '../content/media.js';
import { listAudit } from '../db/audit-repo.js';
import { filesUnder, reviewPng, testImage } from '#test/images.js';
import { countingQueue } from '#test/queues.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { refused, testDeps } from '#test/fixtures.js';
import { editMedia, listMediaItems, uploadMedia, type MediaOptions } from './media.js';
import { userPrincipal, type Principal } from '../content/principal.js';
import type { Role } from '../content/types.js';

const LIMITS = { maxBytes: 5 * 1024 * 1024 };
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');

describe('the library', () => {
  let db: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let media: MediaOptions;
  const ids: Record<string, number> = {};
  const as = (role: Role): Principal => userPrincipal({ id: ids[role]!, role, active: true });

  beforeAll(async () => {
    db = await openDb('sqlite');
    deps = testDeps(db.db);
    media = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-media-')), maxBytes: LIMITS.maxBytes };
    for (const role of ['editor', 'contributor'] as const) {
      const row = await db.db.kysely
        .insertInto('users')
        .values({ email: `${role}@example.org`, name: role, role, password_hash: 'x', created_at: '2026-01-01', updated_at: '2026-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[role] = row.id;
    }
  });
  afterAll(async () => {
    await db?.cleanup();
    if (media) fs.rmSync(media.dataDir, { recursive: true, force: true });
  });

  it('stores the renditions under DATA_DIR/media/lib by content, keeps the original out of reach, and records it all', async () => {
    const bytes = await testImage('png', 700, 400);
    const { item, created } = await uploadMedia(deps, media, as('contributor'), {
      bytes,
      fileName: 'C:\\Photos\\Harbour at Dawn.PNG',
      alt: ' Boats \u0007in the harbour ',
      caption: 'Dawn',
      credit: '',
    });
    expect(created).toBe(true);
    expect(item).toMatchObject({
      alt: 'Boats in the harbour',
      caption: 'Dawn',
      credit: null,
      mime: 'image/jpeg',
      original_mime: 'image/png',
      bytes: bytes.length,
      original_name: 'Harbour at Dawn.PNG',
      uploaded_by: ids['contributor'],
    });
    const renditions = parseRenditions(item.renditions);
    expect(renditions).toHaveLength(9);
    expect(item.path).toMatch(/^\/media\/lib\/[0-9a-f]{20}\/harbour-at-dawn-700\.jpg$/);
    expect([item.width, item.height]).toEqual([700, 400]);
    for (const r of renditions) {
      const file = path.join(media.dataDir, r.path);
      expect(fs.statSync(file).size).toBe(r.bytes);
    }
    expect(fs.readdirSync(path.join(media.dataDir, 'originals'))).toEqual([`${item.sha256}.png`]);
    expect(fs.readdirSync(path.join(media.dataDir, 'media', 'lib', item.sha256!.slice(0, 20))).some((f) => f.endsWith('.tmp'))).toBe(false);
    const audit = await listAudit(db.db.kysely, { subjectType: 'media', subjectId: item.id });
    expect(audit[0]).toMatchObject({ action: 'media.upload', actorUserId: ids['contributor'] });
  });

  it('returns the existing item when the same bytes come again, under any name', async () => {
    const bytes = await testImage('webp', 300, 200);
    const first = await uploadMedia(deps, media, as('editor'), { bytes, fileName: 'a.webp', alt: 'First' });
    const again = await uploadMedia(deps, media, as('contributor'), { bytes, fileName: 'renamed.jpg', alt: 'Second' });
    expect(again).toMatchObject({ created: false, item: { id: first.item.id, alt: 'First' } });
    const both = await Promise.all([1, 2].map(async () => uploadMedia(deps, media, as('editor'), { bytes: await testImage('jpeg', 310, 200), alt: 'x' })));
    expect(both[0]!.item.id).toBe(both[1]!.item.id);
  });

  it('refuses an unsupported file before storing anything', async () => {
    const before = fs.readdirSync(path.join(media.dataDir, 'originals')).length;
    const e = await refused(uploadMedia(deps, media, as('editor'), { bytes: svg, fileName: 'logo.png' }));
    expect(e.code).toBe('UNSUPPORTED_MEDIA');
    expect(fs.readdirSync(path.join(media.dataDir, 'originals'))).toHaveLength(before);
  });

  it('refuses the 9,990 × 9,990 PNG of the review without storing anything or writing a file', async () => {
    const files = filesUnder(media.dataDir);
    const rows = await db.db.kysely.selectFrom('media').select('id').execute();
    const e = await refused(uploadMedia(deps, media, as('contributor'), { bytes: await reviewPng(), fileName: 'poster.png', alt: 'A poster' }));
    expect([e.code, e.status]).toEqual(['MEDIA_TOO_LARGE', 413]);
    expect(e.hint).toMatch(/50 megapixels/);
    expect(filesUnder(media.dataDir)).toEqual(files);
    expect(await db.db.kysely.selectFrom('media').select('id').execute()).toEqual(rows);
  });

  it('decodes uploads that arrive together one at a time through the queue, and completes them all', async () => {
    const { queue, stats } = countingQueue(1, 8);
    const images = await Promise.all([0, 1, 2, 3, 4].map((i) => testImage('jpeg', 400 + i * 10, 300)));
    const results = await Promise.all(
      images.map((bytes, i) => uploadMedia(deps, { ...media, queue }, as('contributor'), { bytes, fileName: `burst-${i}.jpg`, alt: `Burst ${i}` })),
    );
    expect(results.map((r) => r.created)).toEqual([true, true, true, true, true]);
    expect(results.map((r) => parseRenditions(r.item.renditions).length)).toEqual([6, 6, 6, 6, 6]);
    expect(stats).toEqual({ jobs: 5, peak: 1 });
  });

  it('still cuts an ordinary photo (a 12-megapixel phone camera) into its fifteen renditions', async () => {
    const bytes = await testImage('jpeg', 4032, 3024);
    const { item } = await uploadMedia(deps, media, as('contributor'), { bytes, fileName: 'IMG_0042.JPG', alt: 'A wide street' });
    expect([item.width, item.height]).toEqual([1600, 1200]);
    const renditions = parseRenditions(item.renditions);
    expect(renditions.map((r) => `${r.format}@${r.width}x${r.height}`).sort()).toEqual(
      ['avif', 'jpeg', 'webp'].flatMap((f) => [320, 640, 960, 1280, 1600].map((w) => `${f}@${w}x${w * 0.75}`)).sort(),
    );
    for (const r of renditions) expect(fs.statSync(path.join(media.dataDir, r.path)).size).toBe(r.bytes);
  });

  it('edits alt, caption, credit and focal point (writers only), and lists newest first with search', async () => {
    const { item } = await uploadMedia(deps, media, as('editor'), { bytes: await testImage('jpeg', 330, 200), alt: 'Протест у акимата' });
    expect((await refused(editMedia(deps, as('contributor'), item.id, { alt: 'x' }))).code).toBe('FORBIDDEN');
    const e = await refused(editMedia(deps, as('editor'), item.id, { focalX: 1.5 }));
    expect(e.details?.['fields']).toHaveProperty('focalX');
    const edited = await editMedia(deps, as('editor'), item.id, { alt: 'Митинг у акимата', caption: 'Алматы', focalX: 0.25, focalY: 0.75 });
    expect(edited).toMatchObject({ alt: 'Митинг у акимата', caption: 'Алматы', focal_x: 0.25, focal_y: 0.75 });
    // Case-insensitive in any script: search_text is folded in JS.
    const found = await listMediaItems(deps, { q: 'МИТИНГ', limit: 10 });
    expect(found.items.map((i) => i.id)).toEqual([item.id]);
    // Issue 15: the library searches the full-text index (stems, prefixes), and the index follows an edit.
    const ids = async (q: string) => (await listMediaItems(deps, { q, limit: 10 })).items.map((i) => i.id);
    expect(await ids('митинги акиматом')).toEqual([item.id]);
    expect(await ids('алмат')).toEqual([item.id]);
    expect(await ids('протест')).toEqual([]);
    expect(await ids('митинг -алматы')).toEqual([]);
    expect(await ids('"*" NEAR(')).toEqual([]);
    const page1 = await listMediaItems(deps, { limit: 2 });
    expect(page1.items[0]!.id).toBe(item.id);
    const page2 = await listMediaItems(deps, { limit: 2, before: page1.nextBefore! });
    expect(page2.items.every((i) => i.id < page1.items[1]!.id)).toBe(true);
  });
});
