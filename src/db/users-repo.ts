import type { Kysely } from 'kysely';
import type { Database, UserRow } from './schema.js';

type K = Kysely<Database>;

export async function insertUser(db: K, u: { email: string; name: string; role: string; passwordHash: string }, now: string): Promise<number> {
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
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findUserById(db: K, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Everyone, active accounts first, then by name. */
export async function listUsers(db: K): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('active', 'desc').orderBy('name').orderBy('id').execute();
}

export async function countActiveAdmins(db: K): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function updateUserRole(db: K, id: number, role: string, now: string): Promise<void> {
  await db.updateTable('users').set({ role, updated_at: now }).where('id', '=', id).execute();
}

export async function updateUserActive(db: K, id: number, active: boolean, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ active: active ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function updateUserPassword(db: K, id: number, passwordHash: string, now: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).execute();
}

export async function updateUserProfile(db: K, id: number, p: { name: string; interfaceLanguage: string | null }, now: string): Promise<void> {
  await db.updateTable('users').set({ name: p.name, interface_language: p.interfaceLanguage, updated_at: now }).where('id', '=', id).execute();
}

export async function updateUserEmail(db: K, id: number, email: string, now: string): Promise<void> {
  await db.updateTable('users').set({ email, updated_at: now }).where('id', '=', id).execute();
}
