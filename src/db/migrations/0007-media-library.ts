import { sql, type Kysely } from 'kysely';

/**
 * The media library: what an upload keeps besides the file. Every new column is nullable or has a default, so the
 * rows written before (the demo's SVG illustrations, which have no renditions) stay valid and keep being served as
 * they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const add = (column: string, type: 'text' | 'integer' | 'real', build?: (c: any) => any) =>
    db.schema
      .alterTable('media')
      .addColumn(column, type, build ?? ((c) => c))
      .execute();

  await add('caption', 'text');
  // Where the subject is, as fractions of the width and height from the top left: crops keep it in view.
  await add('focal_x', 'real', (c) => c.notNull().defaultTo(0.5));
  await add('focal_y', 'real', (c) => c.notNull().defaultTo(0.5));
  // Hex SHA-256 of the uploaded bytes: the same file uploaded twice is one item.
  await add('sha256', 'text');
  await add('bytes', 'integer');
  await add('original_name', 'text');
  // The uploaded file's type; `mime` stays the type of the file at `path` (feeds announce it), a JPEG rendition.
  await add('original_mime', 'text');
  await add('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'));
  // JSON: [{format, width, height, path, bytes}], smallest first per format; '[]' for files served as they are.
  await add('renditions', 'text', (c) => c.notNull().defaultTo('[]'));
  // Lower-cased alt and caption, folded in JS like articles.search_text (SQL lower() folds only ASCII here).
  await add('search_text', 'text', (c) => c.notNull().defaultTo(''));
  await add('updated_at', 'text');

  await sql`update media set updated_at = created_at, search_text = lower(alt)`.execute(db);
  // Both engines let a unique index hold many NULLs: rows without a hash (the demo's) do not collide.
  await db.schema.createIndex('media_sha256_uq').on('media').column('sha256').unique().execute();
}
