import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';

/**
 * The bench's archive is written straight into the tables, not through the services, so it must hold what the
 * services would have written: otherwise the bench times pages lighter than a real site's.
 */
describe('the bench archive', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-archive-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // Regression: the generator left the listing columns of article_tags and article_contributors empty, so every tag
  // and author page of the bench listed nothing and "related" never found a story by tag.
  it('regression: tag and byline rows carry their article’s locale, status and date, as syncListing writes them', async () => {
    const archive = await generate({ dataDir, articles: 120 });
    const db = new SQLite(archive.databaseUrl, { readonly: true });
    try {
      for (const table of ['article_tags', 'article_contributors']) {
        const { rows, stale } = db
          .prepare(
            `select count(*) as rows, sum(x.locale is not a.locale or x.status is not a.status or x.published_at is not a.published_at) as stale
             from ${table} x join articles a on a.id = x.article_id`,
          )
          .get() as { rows: number; stale: number };
        expect(rows, table).toBeGreaterThan(100);
        expect(stale, table).toBe(0);
      }
    } finally {
      db.close();
    }
  }, 60_000);
});
