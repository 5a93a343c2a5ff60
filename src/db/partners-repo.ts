import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/** A partner outlet as the admin edits it: per-language names and credit lines keyed by locale. */
export type PartnerRecord = {
  id: number;
  /** The name in the outlet's own language (`locale`): the fallback of every other. */
  name: string;
  names: Record<string, string>;
  creditLines: Record<string, string>;
  url: string;
  locale: string;
  licence: string | null;
  logoMediaId: number | null;
  logoPath: string | null;
  feedUrl: string | null;
  active: boolean;
  /** Articles that credit it as their source, in any language and state. */
  articles: number;
  createdAt: string;
  updatedAt: string | null;
};

/** Every partner (active first, then by name), or the one asked for, with its texts and how many articles credit it. */
export async function listPartnerRecords(db: K, where?: { id?: number }): Promise<PartnerRecord[]> {
  let q = db
    .selectFrom('partners')
    .leftJoin('media', 'media.id', 'partners.logo_media_id')
    .select([
      'partners.id',
      'partners.name',
      'partners.url',
      'partners.locale',
      'partners.licence',
      'partners.logo_media_id',
      'partners.feed_url',
      'partners.active',
      'partners.created_at',
      'partners.updated_at',
      'media.path as logo_path',
    ]);
  if (where?.id !== undefined) q = q.where('partners.id', '=', where.id);
  const rows = await q.orderBy('partners.active', 'desc').orderBy('partners.name').orderBy('partners.id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [texts, counts] = await Promise.all([
    db.selectFrom('partner_texts').select(['partner_id', 'locale', 'name', 'credit_line']).where('partner_id', 'in', ids).execute(),
    db
      .selectFrom('articles')
      .select(['source_partner_id', sql<number>`count(*)`.as('n')])
      .where('source_partner_id', 'in', ids)
      .groupBy('source_partner_id')
      .execute(),
  ]);
  return rows.map((r) => {
    const mine = texts.filter((t) => t.partner_id === r.id);
    return {
      id: r.id,
      name: r.name,
      names: Object.fromEntries(mine.filter((t) => t.name).map((t) => [t.locale, t.name!])),
      creditLines: Object.fromEntries(mine.filter((t) => t.credit_line).map((t) => [t.locale, t.credit_line!])),
      url: r.url,
      locale: r.locale,
      licence: r.licence,
      logoMediaId: r.logo_media_id,
      logoPath: r.logo_path,
      feedUrl: r.feed_url,
      active: r.active === 1,
      articles: Number(counts.find((c) => c.source_partner_id === r.id)?.n ?? 0),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export type PartnerRow = {
  name: string;
  url: string;
  locale: string;
  licence: string | null;
  logoMediaId: number | null;
  active: boolean;
  /** The partner's RSS/Atom/JSON feed, polled by the ingest (issue 14); null: nothing to poll. */
  feedUrl: string | null;
};

export async function insertPartnerRow(db: K, p: PartnerRow, now: string): Promise<number> {
  const { id } = await db
    .insertInto('partners')
    .values({ ...columnsOf(p), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A partner's stored columns, the same for a new row and an update. */
const columnsOf = (p: PartnerRow) => ({
  name: p.name,
  url: p.url,
  locale: p.locale,
  licence: p.licence,
  logo_media_id: p.logoMediaId,
  feed_url: p.feedUrl,
  active: p.active ? 1 : 0,
});

export async function updatePartnerRow(db: K, id: number, p: PartnerRow, now: string): Promise<void> {
  await db
    .updateTable('partners')
    .set({ ...columnsOf(p), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Replaces the partner's per-language names and credit lines with these (a language with neither has no row). */
export async function setPartnerTexts(db: K, id: number, names: Record<string, string>, creditLines: Record<string, string>): Promise<void> {
  await db.deleteFrom('partner_texts').where('partner_id', '=', id).execute();
  const locales = [...new Set([...Object.keys(names), ...Object.keys(creditLines)])];
  if (locales.length === 0) return;
  await db
    .insertInto('partner_texts')
    .values(locales.map((locale) => ({ partner_id: id, locale, name: names[locale] || null, credit_line: creditLines[locale] || null })))
    .execute();
}

export async function deletePartnerRow(db: K, id: number): Promise<void> {
  await db.deleteFrom('partners').where('id', '=', id).execute();
}
