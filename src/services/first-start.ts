import { countArticles } from '../db/articles-repo.js';
import { claimSetupStep } from '../db/setup-steps-repo.js';
import { countUsers, insertUser } from '../db/users-repo.js';
import { nowIso, type Deps } from './deps.js';
import { hashPassword } from './password-hash.js';
import { generatePassword } from './generate-password.js';

export const FIRST_ADMIN = { email: 'admin@masthead.local', name: 'Administrator' } as const;

export type FirstStart = { seeded: number; admin: { email: string; password: string } | null };

/**
 * What a new database needs at its first start: an admin account whose password is shown exactly once (a newsroom
 * must be able to log in), and, only when asked (`demo`), the demo newsroom in a database without articles.
 *
 * Each is done once per database, by one caller, however many servers start together on it: each step is claimed
 * first (db/setup-steps-repo.ts), and only the claim's winner does it. The admin is created in the claim's
 * transaction, so a start that dies before committing leaves the step to the next one. The demo is loaded after its
 * claim commits (it is too large for one transaction): a start killed halfway leaves part of it, which
 * `masthead seed --demo` completes. A database that has its demo, or had articles before, never gets it (again).
 */
export async function firstStart(deps: Deps, opts: { demo: boolean; dataDir: string }): Promise<FirstStart> {
  // The admin first. On SQLite, another process's commit landing between a demo transaction's reads and its writes
  // fails that transaction (SQLITE_BUSY_SNAPSHOT); this way a rival start's one real write, its admin, is committed
  // before the demo loads.
  const admin = await createFirstAdmin(deps);
  const seeded = opts.demo ? await loadDemoOnce(deps, opts.dataDir) : 0;
  return { seeded, admin };
}

async function loadDemoOnce(deps: Deps, dataDir: string): Promise<number> {
  const k = deps.db.kysely;
  if ((await countArticles(k)) > 0) return 0;
  if (!(await claimSetupStep(k, 'demo', nowIso(deps)))) return 0;
  // Loaded only here: the demo's stories and pictures are a third of a megabyte of code every other start would parse.
  const { seedDemo } = await import('./seed-demo.js');
  return (await seedDemo(deps, dataDir)).created;
}

async function createFirstAdmin(deps: Deps): Promise<FirstStart['admin']> {
  if ((await countUsers(deps.db.kysely)) > 0) return null;
  // Hashed before the transaction: argon2 takes long enough that a rival start would wait on the claim meanwhile.
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const now = nowIso(deps);
    if (!(await claimSetupStep(trx, 'first-admin', now))) return null;
    // Users made some other way in the meantime (`masthead user create`) are a newsroom that can already log in.
    if ((await countUsers(trx)) > 0) return null;
    await insertUser(trx, { ...FIRST_ADMIN, role: 'admin', passwordHash }, now);
    return { email: FIRST_ADMIN.email, password };
  });
}
