import { AppError } from '../../src/errors.js';
import pino from 'pino';
import type { Db } from '../../src/db/connect.js';
import { ensureTag, upsertContributor, upsertMedia, upsertPartner, upsertSection } from '../../src/db/taxonomy-repo.js';
import type { Doc } from '../../src/content/document.js';
import type { Deps } from '../../src/services/deps.js';
import { localChangeBus } from '../../src/db/change-bus.js';

export function testDeps(db: Db, now = '2026-11-20T12:00:00.000Z'): Deps & { setNow(iso: string): void } {
  let current = new Date(now);
  return { db, clock: () => current, log: pino({ level: 'silent' }), changes: localChangeBus(), setNow: (iso) => (current = new Date(iso)) };
}

export const doc = (...paragraphs: string[]): Doc => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** A small newsroom: two sections, three contributors, a partner, a photo and two tags per locale. */
export async function newsroom(db: Db) {
  const k = db.kysely;
  const now = '2026-11-01T00:00:00.000Z';
  const politics = await upsertSection(k, { slug: 'politics', position: 1, names: { en: 'Politics', ru: 'Политика' } }, now);
  const economy = await upsertSection(k, { slug: 'economy', position: 2, names: { en: 'Economy', ru: 'Экономика' } }, now);
  const alice = await upsertContributor(k, { slug: 'alice-reporter', name: 'Alice Reporter', bio: null }, now);
  const boris = await upsertContributor(k, { slug: 'boris-perevodchik', name: 'Борис Переводчик', bio: null }, now);
  const olga = await upsertContributor(k, { slug: 'olga-original', name: 'Ольга Оригинал', bio: null }, now);
  const partner = await upsertPartner(k, { name: 'Steppe Courier', url: 'https://steppe-courier.example', locale: 'ru', licence: 'CC BY 4.0' }, now);
  const photo = await upsertMedia(
    k,
    { path: '/media/demo/hero.svg', mime: 'image/svg+xml', width: 1200, height: 675, alt: 'A square', credit: 'Photo: Desk' },
    now,
  );
  const tagEn = await ensureTag(k, 'en', 'trade', 'Trade');
  const tagEn2 = await ensureTag(k, 'en', 'energy', 'Energy');
  const tagRu = await ensureTag(k, 'ru', 'torgovlya', 'Торговля');
  return { politics, economy, alice, boris, olga, partner, photo, tagEn, tagEn2, tagRu };
}
export type Newsroom = Awaited<ReturnType<typeof newsroom>>;

/** The AppError a promise is refused with; any other outcome fails the test. */
export async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}
