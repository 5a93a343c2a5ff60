import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

type K = Kysely<Database>;

/** A story a partner's feed brought in, as the wire desk lists and shows it. */
export type WireItem = {
  id: number;
  partnerId: number;
  partnerName: string;
  guid: string;
  link: string | null;
  title: string;
  author: string | null;
  summary: string | null;
  contentHtml: string | null;
  language: string | null;
  publishedAt: string | null;
  fetchedAt: string;
  fullText: boolean;
  extractError: string | null;
  adaptedArticleId: number | null;
  adaptedAt: string | null;
};

/** `searchText`: the analysed terms the inbox's full-text search matches (search/plain-text-search.ts, migration 0026). */
export type NewWireItem = Omit<WireItem, 'id' | 'partnerName' | 'adaptedArticleId' | 'adaptedAt'> & { linkKey: string | null; searchText: string };

/** `q`: the words typed; `matching`: the condition on `w.id` the service makes of them (the full-text index). */
export type WireFilter = {
  partnerId?: number;
  language?: string;
  from?: string;
  to?: string;
  q?: string;
  matching?: RawBuilder<boolean>;
  limit?: number;
  offset?: number;
};

/** Whether the partner already has this story, by guid or by link. */
export async function wireItemExists(db: K, partnerId: number, guid: string, linkKey: string | null): Promise<boolean> {
  let q = db.selectFrom('wire_items').select('id').where('partner_id', '=', partnerId);
  q = linkKey ? q.where((eb) => eb.or([eb('guid', '=', guid), eb('link_key', '=', linkKey)])) : q.where('guid', '=', guid);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/** Stores a new story; false when the partner has it already (by guid or link: a race the check before missed). */
export async function insertWireItem(db: K, item: NewWireItem): Promise<boolean> {
  try {
    await db
      .insertInto('wire_items')
      .values({
        partner_id: item.partnerId,
        guid: item.guid,
        link: item.link,
        link_key: item.linkKey,
        title: item.title,
        author: item.author,
        summary: item.summary,
        content_html: item.contentHtml,
        language: item.language,
        published_at: item.publishedAt,
        fetched_at: item.fetchedAt,
        full_text: item.fullText ? 1 : 0,
        extract_error: item.extractError,
        search_text: item.searchText,
      })
      .execute();
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

function base(db: K) {
  return db
    .selectFrom('wire_items as w')
    .innerJoin('partners as p', 'p.id', 'w.partner_id')
    .select([
      'w.id',
      'w.partner_id',
      'p.name as partner_name',
      'w.guid',
      'w.link',
      'w.title',
      'w.author',
      'w.summary',
      'w.content_html',
      'w.language',
      'w.published_at',
      'w.fetched_at',
      'w.full_text',
      'w.extract_error',
      'w.adapted_article_id',
      'w.adapted_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;
const present = (r: Row): WireItem => ({
  id: r.id,
  partnerId: r.partner_id,
  partnerName: r.partner_name,
  guid: r.guid,
  link: r.link,
  title: r.title,
  author: r.author,
  summary: r.summary,
  contentHtml: r.content_html,
  language: r.language,
  publishedAt: r.published_at,
  fetchedAt: r.fetched_at,
  fullText: r.full_text === 1,
  extractError: r.extract_error,
  adaptedArticleId: r.adapted_article_id,
  adaptedAt: r.adapted_at,
});

/** Newest first (by when the partner published, else when fetched), filtered; `total` counts every match. */
export async function listWireItems(db: K, f: WireFilter = {}): Promise<{ items: WireItem[]; total: number }> {
  let q = base(db);
  if (f.partnerId !== undefined) q = q.where('w.partner_id', '=', f.partnerId);
  if (f.language) q = q.where('w.language', '=', f.language);
  if (f.from) q = q.where((eb) => eb(eb.fn.coalesce('w.published_at', 'w.fetched_at'), '>=', f.from!));
  if (f.to) q = q.where((eb) => eb(eb.fn.coalesce('w.published_at', 'w.fetched_at'), '<', f.to!));
  if (f.matching) q = q.where(f.matching);
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy((eb) => eb.fn.coalesce('w.published_at', 'w.fetched_at'), 'desc')
    .orderBy('w.id', 'desc')
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .execute();
  return { items: rows.map(present), total: Number(total) };
}

export async function getWireItem(db: K, id: number): Promise<WireItem | null> {
  const r = await base(db).where('w.id', '=', id).executeTakeFirst();
  return r ? present(r) : null;
}

/**
 * The wire story an article was adapted from: the partner's story at the article's original address (`linkKey`,
 * normalised as on ingest: an index answers), else, for a story without a link, the one last adapted into it.
 */
export async function wireItemOfArticle(db: K, articleId: number, source: { partnerId: number; linkKey: string | null }): Promise<WireItem | null> {
  const r = source.linkKey
    ? await base(db).where('w.partner_id', '=', source.partnerId).where('w.link_key', '=', source.linkKey).executeTakeFirst()
    : await base(db).where('w.partner_id', '=', source.partnerId).where('w.adapted_article_id', '=', articleId).orderBy('w.id', 'desc').executeTakeFirst();
  return r ? present(r) : null;
}

export async function markWireItemAdapted(db: K, id: number, articleId: number, at: string): Promise<void> {
  await db.updateTable('wire_items').set({ adapted_article_id: articleId, adapted_at: at }).where('id', '=', id).execute();
}

/** The languages the wire has items in (the inbox's filter). */
export async function wireLanguages(db: K): Promise<string[]> {
  const rows = await db.selectFrom('wire_items').select('language').distinct().where('language', 'is not', null).orderBy('language').execute();
  return rows.map((r) => r.language!);
}

// ---------------------------------------------------------------------------------------------------- feed state

export type FeedState = {
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
};

export async function getFeedState(db: K, partnerId: number): Promise<FeedState | null> {
  const r = await db.selectFrom('partner_feed_state').selectAll().where('partner_id', '=', partnerId).executeTakeFirst();
  return r
    ? {
        etag: r.etag,
        lastModified: r.last_modified,
        lastPolledAt: r.last_polled_at,
        lastOkAt: r.last_ok_at,
        lastError: r.last_error,
        lastErrorCode: r.last_error_code,
      }
    : null;
}

export async function saveFeedState(db: K, partnerId: number, s: FeedState): Promise<void> {
  const values = {
    etag: s.etag,
    last_modified: s.lastModified,
    last_polled_at: s.lastPolledAt,
    last_ok_at: s.lastOkAt,
    last_error: s.lastError,
    last_error_code: s.lastErrorCode,
  };
  await db
    .insertInto('partner_feed_state')
    .values({ partner_id: partnerId, ...values })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet(values))
    .execute();
}

/** Active partners that have a feed: what the ingest polls. */
export async function pollablePartners(db: K): Promise<{ id: number; name: string; feedUrl: string; locale: string }[]> {
  const rows = await db
    .selectFrom('partners')
    .select(['id', 'name', 'feed_url', 'locale'])
    .where('active', '=', 1)
    .where('feed_url', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, feedUrl: r.feed_url!, locale: r.locale }));
}

/** The contributor of this slug, made (name only) when there is none; an existing one is left as an editor made it. */
export async function ensureContributor(db: K, slug: string, name: string, now: string): Promise<number> {
  const found = await db.selectFrom('contributors').select('id').where('slug', '=', slug).executeTakeFirst();
  if (found) return found.id;
  await db
    .insertInto('contributors')
    .values({ slug, name, bio: null, user_id: null, created_at: now })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  return (await db.selectFrom('contributors').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** The contributor profile of a newsroom account, if it has one. */
export async function contributorOfUser(db: K, userId: number): Promise<number | null> {
  return (await db.selectFrom('contributors').select('id').where('user_id', '=', userId).orderBy('id').executeTakeFirst())?.id ?? null;
}

export async function firstSectionId(db: K): Promise<number | null> {
  return (await db.selectFrom('sections').select('id').orderBy('position').orderBy('id').executeTakeFirst())?.id ?? null;
}

export async function setSourcePublishedAt(db: K, articleId: number, at: string | null): Promise<void> {
  await db.updateTable('articles').set({ source_published_at: at }).where('id', '=', articleId).execute();
}

export async function findPartnerIdByName(db: K, name: string): Promise<number | null> {
  return (await db.selectFrom('partners').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
}

/** `onlyIfUnset`: only when the partner has no feed, or (`orEndingWith`) one whose address ends so. */
export async function setPartnerFeedUrl(db: K, id: number, url: string, o: { onlyIfUnset?: boolean; orEndingWith?: string } = {}): Promise<void> {
  let q = db.updateTable('partners').set({ feed_url: url }).where('id', '=', id);
  const tail = o.orEndingWith;
  if (o.onlyIfUnset) q = tail ? q.where((eb) => eb.or([eb('feed_url', 'is', null), eb('feed_url', 'like', `%${tail}`)])) : q.where('feed_url', 'is', null);
  await q.execute();
}

export async function partnerFeedUrl(db: K, id: number): Promise<string | null> {
  return (await db.selectFrom('partners').select('feed_url').where('id', '=', id).executeTakeFirst())?.feed_url ?? null;
}
