import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { sql } from 'kysely';
import pino from 'pino';
import { connect, type Db } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { localChangeBus } from '../src/db/change-bus.js';
import { reindexAll } from '../src/search/search-index.js';
import { searchForReaders, suggestForReaders } from '../src/services/search.js';
import { generate, type Archive } from './generate.js';
import { NA, verdict, type Row } from './report.js';

/**
 * Issue 15's search figures: the index build rate (`masthead search reindex`'s own function over the generated
 * archive) and the latency of the readers' search (ranking, count, summaries and highlighted passages of one page:
 * all the page's database and analysis work) and of the search box's suggestions, on SQLite and on PostgreSQL (the
 * same archive copied into a schema of its own). `node --import tsx bench/search.ts [--size N]` runs it alone.
 */
export type EngineSearch = {
  engine: 'sqlite' | 'postgres';
  indexed: number;
  indexSeconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  queries: number;
  suggestP95Ms: number;
};
export type SearchFigures = { articles: number; engines: EngineSearch[] };

/** What readers type: topic words in their inflected forms, places, two words, a phrase, an exclusion. */
const QUERIES: { locale: string; q: string }[] = [
  { locale: 'en', q: 'prices' },
  { locale: 'en', q: 'water' },
  { locale: 'en', q: 'glacier' },
  { locale: 'en', q: 'Almaty trade' },
  { locale: 'en', q: '"rail" Kokterek' },
  { locale: 'en', q: 'election -courts' },
  { locale: 'en', q: 'universities museum' },
  { locale: 'en', q: 'zzzz nothing' },
  { locale: 'ru', q: 'ценам' },
  { locale: 'ru', q: 'воды' },
  { locale: 'ru', q: 'ледников' },
  { locale: 'ru', q: 'Алматы торговли' },
  { locale: 'ru', q: '"железная дорога"' },
  { locale: 'ru', q: 'выборах -суды' },
  { locale: 'ru', q: 'Шымкенте бюджет' },
];
const PREFIXES = [
  { locale: 'en', prefix: 'gla' },
  { locale: 'en', prefix: 'trade al' },
  { locale: 'ru', prefix: 'лед' },
  { locale: 'ru', prefix: 'цен' },
];
const NOW = '2026-01-02T00:00:00.000Z';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Builds the whole index with `masthead search reindex`'s own function, then lets the engine gather statistics. */
export async function buildIndex(db: Db, engine: EngineSearch['engine']): Promise<{ indexed: number; indexSeconds: number }> {
  const started = performance.now();
  const indexed = await reindexAll(db.kysely, { batch: 1000 });
  const indexSeconds = (performance.now() - started) / 1000;
  if (engine === 'sqlite') await sql`insert into search_fts(search_fts) values ('optimize')`.execute(db.kysely);
  else await sql`analyze`.execute(db.kysely);
  return { indexed, indexSeconds };
}

/** Latencies of the readers' search page and of the suggestions, one warm-up round and `rounds` measured ones. */
export async function measureQueries(db: Db, rounds: number) {
  const deps = { db, clock: () => new Date(NOW), log: pino({ level: 'silent' }), changes: localChangeBus() };
  const times: number[] = [];
  const suggest: number[] = [];
  const perQuery = new Map<string, number[]>();
  for (let round = 0; round <= rounds; round++) {
    for (const { locale, q } of QUERIES) {
      const t = performance.now();
      await searchForReaders(deps, { locale, query: q, perPage: 12 });
      const took = performance.now() - t;
      if (round === 0) continue;
      times.push(took);
      const key = `${locale} ${q}`;
      perQuery.set(key, [...(perQuery.get(key) ?? []), took]);
    }
    for (const p of PREFIXES) {
      const t = performance.now();
      await suggestForReaders(deps, p);
      if (round > 0) suggest.push(performance.now() - t);
    }
  }
  return {
    p50Ms: pct(times, 50),
    p95Ms: pct(times, 95),
    queries: times.length,
    suggestP95Ms: pct(suggest, 95),
    perQuery: [...perQuery].map(([query, ts]) => ({ query, p50Ms: pct(ts, 50), maxMs: Math.max(...ts) })),
  };
}

async function measureEngine(db: Db, engine: EngineSearch['engine'], rounds: number): Promise<EngineSearch> {
  const { indexed, indexSeconds } = await buildIndex(db, engine);
  const q = await measureQueries(db, rounds);
  return { engine, indexed, indexSeconds, perSecond: indexed / indexSeconds, p50Ms: q.p50Ms, p95Ms: q.p95Ms, queries: q.queries, suggestP95Ms: q.suggestP95Ms };
}

/** The tables the search reads, in the order their foreign keys allow. */
const COPIED = [
  'users',
  'contributors',
  'sections',
  'section_names',
  'tags',
  'partners',
  'media',
  'stories',
  'articles',
  'article_contributors',
  'article_tags',
];

export async function copyToPostgres(from: Db, url: string, schema: string): Promise<Db> {
  const to = connect(url, { schema });
  await migrate(to);
  for (const table of COPIED) {
    let offset = 0;
    for (;;) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} limit 1000 offset ${offset}`.execute(from.kysely)).rows;
      if (!rows.length) break;
      const per = Math.max(1, Math.floor(20_000 / Object.keys(rows[0]!).length));
      for (let i = 0; i < rows.length; i += per)
        await to.kysely
          .insertInto(table as never)
          .values(rows.slice(i, i + per) as never)
          .execute();
      offset += rows.length;
    }
    // Explicit ids were copied: the sequences must move past them for later inserts.
    await sql`select setval(pg_get_serial_sequence(${`${schema}.${table}`}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`
      .execute(to.kysely)
      .catch(() => {});
  }
  return to;
}

export async function measureSearch(archive: Archive, opts: { rounds?: number; pgUrl?: string } = {}): Promise<SearchFigures> {
  const rounds = opts.rounds ?? 10;
  const engines: EngineSearch[] = [];
  const lite = connect(archive.databaseUrl);
  try {
    engines.push(await measureEngine(lite, 'sqlite', rounds));
    const pgUrl = opts.pgUrl ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_search_${process.pid}`;
    let pg: Db | null = null;
    try {
      pg = await copyToPostgres(lite, pgUrl, schema);
      engines.push(await measureEngine(pg, 'postgres', rounds));
    } catch (e) {
      process.stderr.write(`search bench: PostgreSQL skipped (${(e as Error).message})\n`);
    } finally {
      if (pg) {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.kysely).catch(() => {});
        await pg.close();
      }
    }
  } finally {
    await lite.close();
  }
  return { articles: archive.articles, engines };
}

/** The benchmark table's rows for search (target: p95 under 20 ms). */
export function searchRows(s: SearchFigures): Row[] {
  return s.engines.flatMap((e) => [
    {
      measure: `j. search page query, p50 ms (${e.engine}, ${s.articles.toLocaleString('en')} articles, ${e.queries} queries)`,
      masthead: e.p50Ms.toFixed(1),
      reference: NA,
      target: 'reported',
      result: '—',
    },
    {
      measure: `j. search page query, p95 ms (${e.engine}, ${s.articles.toLocaleString('en')} articles, ${e.queries} queries)`,
      masthead: e.p95Ms.toFixed(1),
      reference: NA,
      target: 'p95 < 20 ms',
      result: verdict(e.p95Ms < 20),
    },
    {
      measure: `j. search index build, articles/s (${e.engine}, ${e.indexed.toLocaleString('en')} articles)`,
      masthead: Math.round(e.perSecond).toLocaleString('en'),
      reference: NA,
      target: 'reported',
      result: verdict(e.indexed > 0),
    },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--size');
  const size = at > 0 ? Number(process.argv[at + 1]) : 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-search-bench-'));
  try {
    const archive = await generate({ dataDir: dir, articles: size });
    process.stderr.write(`generated ${archive.articles} articles in ${Math.round(archive.ms)} ms\n`);
    const figures = await measureSearch(archive);
    for (const e of figures.engines) {
      process.stdout.write(
        `${e.engine}: ${e.indexed} articles indexed in ${e.indexSeconds.toFixed(1)} s (${Math.round(e.perSecond)}/s); search p50 ${e.p50Ms.toFixed(1)} ms, p95 ${e.p95Ms.toFixed(1)} ms over ${e.queries} queries; suggestions p95 ${e.suggestP95Ms.toFixed(1)} ms\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
