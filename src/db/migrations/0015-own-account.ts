import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/**
 * Your own account: the interface language, two-factor sign-in (TOTP) with its recovery codes, email changes
 * confirmed by mail, the second step of a login, and the switch that requires two-factor sign-in.
 *
 * - `users.interface_language`: 'en', 'ru' or 'kk'; null follows the browser.
 * - `users.totp_secret` / `totp_enabled_at`: the confirmed secret (base32) and since when it is on; `totp_pending_secret`
 *   is one being enrolled, not yet confirmed by a code. `totp_last_step` is the time step of the last code accepted,
 *   so a code seen over someone's shoulder cannot be used again (RFC 6238 §5.2).
 * - `password_resets.new_email`: the address an email-change link (purpose 'email') confirms; the same one-time,
 *   hashed-token rows as password links.
 * - `recovery_codes`: SHA-256 of each one-time code, used or not.
 * - `login_challenges`: a password that matched, waiting for its code; not a session (it opens nothing in the admin).
 * - `security_settings`: key/value switches an admin decides (`require_2fa`).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema.alterTable('users').addColumn('interface_language', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('password_resets').addColumn('new_email', 'text').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').columns(['user_id', 'code_hash']).execute();

  await db.schema
    .createTable('login_challenges')
    .addColumn('id', id.type, id.build)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('login_challenges_expires_idx').on('login_challenges').column('expires_at').execute();

  await db.schema
    .createTable('security_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}
