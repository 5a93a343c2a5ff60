import fs from 'node:fs';
import path from 'node:path';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { slugFromHeadline } from '../src/content/slug.js';
import { articlePath } from '../src/content/urls.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { demoImageSvg } from '../src/seed/demo-images.js';
import type { DemoImage } from '../src/seed/demo-types.js';
import { rng, seedFor, type Rng } from './prng.js';
import { body, dateline, deck, headline, type BenchLocale } from './text.js';

/**
 * Writes a benchmark archive of N articles straight into a fresh SQLite database: the same rows the services would
 * write (articles, stories, bylines, tags, hero media, corrections, a first revision each), but in multi-row
 * inserts inside large transactions, because one service call per article would take many minutes at 100,000.
 *
 * Deterministic: story k is drawn from its own seeded stream, so every run (and every size, as a prefix) holds the
 * same content. Dates count back from a fixed moment in the past, so the newest story is always visible.
 */
const ANCHOR = Date.parse('2026-01-01T00:00:00.000Z');
const MINUTE = 60_000;
/** Articles per transaction, and rows per INSERT (under SQLite's 32,766 bound parameters at ~28 columns). */
const TX_ARTICLES = 5_000;
const INSERT_ROWS = 500;

export type Archive = {
  dataDir: string;
  databaseUrl: string;
  articles: number;
  stories: number;
  ms: number;
  /** Every article's public path, newest story first. */
  paths: string[];
  /** A typical full article page for the load test: English, translated, with a hero, several tags and bylines. */
  pagePath: string;
};

type K = Kysely<Database>;
type Ids = { sections: number[]; contributors: number[]; partners: number[]; media: number[]; tags: Record<BenchLocale, number[]> };

const SECTIONS = [
  { slug: 'politics', names: { en: 'Politics', ru: 'Политика', kk: 'Саясат' } },
  { slug: 'economy', names: { en: 'Economy', ru: 'Экономика', kk: 'Экономика' } },
  { slug: 'society', names: { en: 'Society', ru: 'Общество', kk: 'Қоғам' } },
  { slug: 'world', names: { en: 'World', ru: 'В мире', kk: 'Әлем' } },
  { slug: 'culture', names: { en: 'Culture', ru: 'Культура', kk: 'Мәдениет' } },
  { slug: 'science', names: { en: 'Science', ru: 'Наука', kk: 'Ғылым' } },
];
const FIRST = ['Aigerim', 'Daniyar', 'Elena', 'Timur', 'Saule', 'Ruslan', 'Zhanna', 'Madina', 'Pavel', 'Natalya'];
const LAST = ['Sadykova', 'Omarov', 'Voronina', 'Kassymov', 'Bekova', 'Akhmetov', 'Tulegenova', 'Ospanova', 'Lebedev', 'Grishina'];
const TOPICS: Record<BenchLocale, string[]> = {
  en: [
    'water',
    'rail',
    'budget',
    'schools',
    'health',
    'energy',
    'trade',
    'farming',
    'climate',
    'museums',
    'housing',
    'transport',
    'elections',
    'courts',
    'border',
    'universities',
    'film',
    'music',
    'glaciers',
    'prices',
  ],
  ru: [
    'вода',
    'железная дорога',
    'бюджет',
    'школы',
    'здравоохранение',
    'энергетика',
    'торговля',
    'сельское хозяйство',
    'климат',
    'музеи',
    'жильё',
    'транспорт',
    'выборы',
    'суды',
    'граница',
    'университеты',
    'кино',
    'музыка',
    'ледники',
    'цены',
  ],
};
const PLACES: Record<BenchLocale, string[]> = {
  en: ['Kokterek', 'Almaty', 'Astana', 'Shymkent', 'Valdograd', 'Karaganda', 'Aktau', 'Taraz', 'Pavlodar', 'Oral', 'Turkistan', 'Atyrau'],
  ru: ['Коктерек', 'Алматы', 'Астана', 'Шымкент', 'Валдоград', 'Караганда', 'Актау', 'Тараз', 'Павлодар', 'Уральск', 'Туркестан', 'Атырау'],
};
const MOTIFS: DemoImage['motif'][] = ['city', 'hills', 'sea', 'grid', 'portrait'];

export async function generate(opts: { dataDir: string; articles: number }): Promise<Archive> {
  const started = performance.now();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const databaseUrl = path.join(opts.dataDir, 'masthead.db');
  const db = connect(databaseUrl);
  try {
    await migrate(db);
    const k = db.kysely;
    // A throwaway database: durability buys nothing here, and every fsync costs.
    await sql`pragma synchronous = OFF`.execute(k);
    const ids = await taxonomy(k, opts.dataDir);
    const result = await articles(k, ids, opts.articles);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(k);
    return { dataDir: opts.dataDir, databaseUrl, ...result, ms: performance.now() - started };
  } finally {
    await db.close();
  }
}

/** Sections, people, partners, tags, hero images (as files too, so an export finds them) and one editor account. */
async function taxonomy(k: K, dataDir: string): Promise<Ids> {
  const at = new Date(ANCHOR - 400 * 24 * 60 * MINUTE).toISOString();
  return k.transaction().execute(async (trx) => {
    // An account exists, so the server's first start creates no admin (and spends no time hashing a password).
    await trx
      .insertInto('users')
      .values({ email: 'bench@masthead.local', name: 'Bench Editor', role: 'editor', password_hash: '!', created_at: at, updated_at: at })
      .execute();

    const sections: number[] = [];
    for (const [position, s] of SECTIONS.entries()) {
      const { id } = await trx.insertInto('sections').values({ slug: s.slug, position, created_at: at }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('section_names')
        .values(Object.entries(s.names).map(([locale, name]) => ({ section_id: id, locale, name })))
        .execute();
      sections.push(id);
    }

    const people = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
    const contributors = await insertReturningIds(
      trx,
      'contributors',
      people.map((name) => ({ slug: slugFromHeadline(name), name, bio: `${name} writes for Masthead Demo.`, user_id: null, created_at: at })),
    );

    const partners = await insertReturningIds(trx, 'partners', [
      {
        name: 'Vecherny Trakt',
        url: 'https://vecherny-trakt.example',
        locale: 'ru',
        feed_url: null,
        licence: 'Translate and republish with credit.',
        created_at: at,
      },
      { name: 'Steppe Courier', url: 'https://steppe-courier.example', locale: 'en', feed_url: null, licence: 'Republish with attribution.', created_at: at },
      { name: 'Dala Habar', url: 'https://dala-habar.example', locale: 'kk', feed_url: null, licence: 'Non-commercial republication.', created_at: at },
    ]);

    const tags = { en: [] as number[], ru: [] as number[] };
    for (const locale of ['en', 'ru'] as const) {
      const names = [...TOPICS[locale], ...TOPICS[locale].flatMap((t) => PLACES[locale].map((p) => `${t} ${p}`))];
      tags[locale] = await insertReturningIds(
        trx,
        'tags',
        names.map((name) => ({ locale, slug: slugFromHeadline(name), name })),
      );
    }

    const mediaDir = path.join(dataDir, 'media', 'bench');
    fs.mkdirSync(mediaDir, { recursive: true });
    const images: DemoImage[] = Array.from({ length: 24 }, (_, i) => ({
      key: `bench-${i + 1}`,
      width: 1200,
      height: 675,
      hue: (i * 47) % 360,
      motif: MOTIFS[i % MOTIFS.length]!,
    }));
    for (const img of images) fs.writeFileSync(path.join(mediaDir, `${img.key}.svg`), demoImageSvg(img));
    const media = await insertReturningIds(
      trx,
      'media',
      images.map((img) => ({
        path: `/media/bench/${img.key}.svg`,
        mime: 'image/svg+xml',
        width: img.width,
        height: img.height,
        alt: '',
        credit: null,
        created_at: at,
      })),
    );

    return { sections, contributors, partners, media, tags };
  });
}

async function insertReturningIds<T extends 'contributors' | 'partners' | 'tags' | 'media'>(
  trx: Transaction<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  const out = await trx
    .insertInto(table)
    .values(rows as never)
    .returning('id' as never)
    .execute();
  return (out as unknown as { id: number }[]).map((r) => r.id);
}

/** Rows waiting for the next multi-row inserts, by table, in foreign-key order. */
const TABLES = ['stories', 'articles', 'article_contributors', 'article_tags', 'corrections', 'revisions'] as const;
type Batch = { [T in (typeof TABLES)[number]]: Insertable<Database[T]>[] };
const emptyBatch = (): Batch => ({ stories: [], articles: [], article_contributors: [], article_tags: [], corrections: [], revisions: [] });

async function articles(k: K, ids: Ids, total: number) {
  const taken = { en: new Set<string>(), ru: new Set<string>() };
  const sectionSlug = new Map(ids.sections.map((id, i) => [id, SECTIONS[i]!.slug]));
  const paths: string[] = [];
  let pagePath: string | null = null;
  let count = 0;
  let story = 0;
  while (count < total) {
    const end = Math.min(total, count + TX_ARTICLES);
    const batch = emptyBatch();
    // A story is never split across transactions (the batch may end one article past `end`).
    for (; count < end; story++) {
      for (const v of storyVersions(story, ids, total - count, taken)) {
        const id = ++count;
        batch.articles.push({ id, ...v.row });
        // The listing columns the app copies onto tag and byline rows (syncListing): without them tag and author pages
        // list nothing and "related" finds no story by tag, and the bench would time pages lighter than real ones.
        const listing = { locale: v.row.locale, status: v.row.status, published_at: v.row.published_at };
        batch.article_contributors.push(
          ...v.bylines.map((b, position) => ({ article_id: id, contributor_id: b.contributorId, role: b.role, position, ...listing })),
        );
        batch.article_tags.push(...v.tagIds.map((tag_id) => ({ article_id: id, tag_id, ...listing })));
        if (v.correction) batch.corrections.push({ article_id: id, text: v.correction, created_at: v.row.updated_at });
        batch.revisions.push({ article_id: id, number: 1, user_id: null, snapshot: v.snapshot, created_at: v.row.created_at });
        const p = articlePath({ locale: v.row.locale, sectionSlug: sectionSlug.get(v.row.section_id)!, publishedAt: v.row.published_at, slug: v.row.slug });
        paths.push(p);
        if (!pagePath && v.row.locale === 'en' && v.translated && v.row.hero_media_id && v.tagIds.length >= 3) pagePath = p;
      }
      batch.stories.push({ id: story + 1, created_at: new Date(ANCHOR - story * 7 * MINUTE - 3_600_000).toISOString() });
    }
    await k.transaction().execute(async (trx) => {
      for (const table of TABLES) {
        const rows: unknown[] = batch[table];
        for (let i = 0; i < rows.length; i += INSERT_ROWS)
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + INSERT_ROWS) as never)
            .execute();
      }
    });
  }
  return { articles: count, stories: story, paths, pagePath: pagePath ?? paths[0]! };
}

type Version = {
  row: Omit<Insertable<Database['articles']>, 'id'> & {
    locale: BenchLocale;
    slug: string;
    section_id: number;
    published_at: string;
    created_at: string;
    updated_at: string;
  };
  bylines: { contributorId: number; role: 'author' | 'translator' | 'original_author' | 'photographer' | 'editor' }[];
  tagIds: number[];
  correction: string | null;
  snapshot: string;
  translated: boolean;
};

/**
 * One story: a first version in English (60%) or Russian, a translation into the other language for a third of
 * them (published a little later, crediting the original author and a translator), a hero image for most, a partner
 * source for some. `room` caps the versions so the archive has exactly N articles.
 */
function storyVersions(story: number, ids: Ids, room: number, taken: Record<BenchLocale, Set<string>>): Version[] {
  const r = rng(seedFor('story', story));
  const first: BenchLocale = r.chance(0.6) ? 'en' : 'ru';
  const translated = r.chance(0.33) && room >= 2;
  const publishedAt = ANCHOR - story * 7 * MINUTE - r.int(0, 300) * 1000;
  const sectionId = r.pick(ids.sections);
  const heroId = r.chance(0.8) ? r.pick(ids.media) : null;
  const author = r.pick(ids.contributors);
  const partner = r.chance(0.1) ? r.pick(ids.partners) : null;
  const photographer = heroId && r.chance(0.3) ? r.pick(ids.contributors) : null;
  const locales: BenchLocale[] = translated ? [first, first === 'en' ? 'ru' : 'en'] : [first];

  return locales.map((locale, i) => {
    const vr: Rng = rng(seedFor(`story-${locale}`, story));
    const hl = headline(vr, locale);
    const dk = deck(vr, locale);
    const doc = body(vr, locale);
    const at = new Date(publishedAt + i * vr.int(20, 240) * MINUTE).toISOString();
    const slug = freeSlug(taken[locale], slugFromHeadline(hl));
    const bylines: Version['bylines'] =
      i === 0
        ? [{ contributorId: author, role: partner ? 'original_author' : 'author' }]
        : [
            { contributorId: author, role: 'original_author' },
            { contributorId: vr.pick(ids.contributors.filter((c) => c !== author)), role: 'translator' },
          ];
    if (photographer && photographer !== author) bylines.push({ contributorId: photographer, role: 'photographer' });
    const tagIds = vr.sample(ids.tags[locale], vr.int(2, 5));
    const row: Version['row'] = {
      story_id: story + 1,
      locale,
      slug,
      status: 'published',
      headline: hl,
      deck: dk,
      body: JSON.stringify(doc),
      dateline: dateline(vr, locale),
      section_id: sectionId,
      hero_media_id: heroId,
      hero_alt: heroId ? (locale === 'en' ? 'A street scene in the city centre at dusk' : 'Уличная сцена в центре города в сумерках') : null,
      hero_caption: heroId
        ? locale === 'en'
          ? 'The old quarter, where the plan would take effect first.'
          : 'Старый квартал, где план начнут применять первым.'
        : null,
      hero_credit: heroId ? 'Masthead Demo' : null,
      source_partner_id: partner,
      source_url: partner ? `https://partner.example/story/${story + 1}` : null,
      source_headline: partner ? hl : null,
      source_locale: partner ? first : null,
      seo_title: null,
      seo_description: null,
      canonical_url: null,
      published_at: at,
      scheduled_at: null,
      revision: 1,
      created_at: new Date(Date.parse(at) - 3_600_000).toISOString(),
      updated_at: at,
    };
    // What createArticle stores as the first revision: the editor's input, body included.
    const snapshot = JSON.stringify({
      locale,
      storyId: story + 1,
      slug,
      headline: hl,
      deck: dk,
      body: doc,
      sectionId,
      tagIds,
      bylines,
      status: 'published',
      publishedAt: at,
    });
    const correction = vr.chance(0.02)
      ? locale === 'en'
        ? 'An earlier version of this story misstated the year of the last vote.'
        : 'В первой версии материала был неверно указан год прошлого голосования.'
      : null;
    return { row, bylines, tagIds, correction, snapshot, translated };
  });
}

/** The slug, or the slug with the first free numeric suffix (what the service does with a taken slug). */
function freeSlug(taken: Set<string>, wanted: string): string {
  let slug = wanted;
  for (let n = 2; taken.has(slug); n++) slug = `${wanted}-${n}`;
  taken.add(slug);
  return slug;
}
