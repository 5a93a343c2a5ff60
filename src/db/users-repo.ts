import type { Kysely } from 'kysely';
import type { Database, UserRow } from './schema.js';

type K = Kysely<Database>;

export async function insertUser(
  db: K,
  u: { email: string; name: string; role: string; passwordHash: string },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ email: u.email, name: u.name, role: u.role, password_hash: u.passwordHash, active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByEmail(db: K, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function countUsers(db: K): Promise<number> {
  const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}
