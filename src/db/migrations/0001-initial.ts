import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

// The schema is typed loosely here on purpose: migrations describe history and must not change when
// src/db/schema.ts moves on.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);

  await db.schema
    .createTable('users')
    .addColumn('id', id.type, id.build)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contributors')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bio', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sections')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('section_names')
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('section_names_pk', ['section_id', 'locale'])
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', id.type, id.build)
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('tags_locale_slug_uq', ['locale', 'slug'])
    .execute();

  await db.schema
    .createTable('partners')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('feed_url', 'text')
    .addColumn('licence', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', id.type, id.build)
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('credit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', id.type, id.build)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', id.type, id.build)
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('deck', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('dateline', 'text')
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('hero_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('hero_alt', 'text')
    .addColumn('hero_caption', 'text')
    .addColumn('hero_credit', 'text')
    .addColumn('source_partner_id', 'integer', (c) => c.references('partners.id'))
    .addColumn('source_url', 'text')
    .addColumn('source_headline', 'text')
    .addColumn('source_locale', 'text')
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('published_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    // Lower-cased headline and deck, folded in JS: SQLite's lower() and PostgreSQL's under a C locale only fold ASCII.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_locale_slug_uq', ['locale', 'slug'])
    .execute();
  // Keyset pagination of every public list walks one of these in order, so list cost does not grow with the archive.
  await db.schema.createIndex('articles_feed_idx').on('articles').columns(['locale', 'status', 'published_at', 'id']).execute();
  await db.schema.createIndex('articles_section_idx').on('articles').columns(['section_id', 'locale', 'status', 'published_at', 'id']).execute();
  await db.schema.createIndex('articles_story_idx').on('articles').column('story_id').execute();

  await db.schema
    .createTable('article_contributors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('contributor_id', 'integer', (c) => c.notNull().references('contributors.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_contributors_pk', ['article_id', 'contributor_id', 'role'])
    .execute();
  await db.schema.createIndex('article_contributors_contributor_idx').on('article_contributors').columns(['contributor_id', 'article_id']).execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag_idx').on('article_tags').columns(['tag_id', 'article_id']).execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', id.type, id.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('corrections_article_idx').on('corrections').column('article_id').execute();

  await db.schema
    .createTable('revisions')
    .addColumn('id', id.type, id.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('revisions_article_number_uq', ['article_id', 'number'])
    .execute();

  await db.schema
    .createTable('redirects')
    .addColumn('id', id.type, id.build)
    .addColumn('from_path', 'text', (c) => c.notNull().unique())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('to_path', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
