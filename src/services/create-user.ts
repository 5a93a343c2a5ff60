import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { z } from 'zod';
import { ROLES } from '../content/types.js';
import { findUserByEmail, insertUser } from '../db/users-repo.js';
import { AppError, issueFields } from '../errors.js';
import { nowIso, type Deps } from './deps.js';
import { hashPassword } from './password-hash.js';
import { generatePassword } from './generate-password.js';

const userInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(12, 'at least 12 characters').max(1000).optional(),
});

// Apart, so that a server's start (services/first-start.ts) does not load this module's input schema and zod with it.
export { generatePassword };

/**
 * Creates a user; returns the password (generated when none was given) so the caller can show it once. `also` runs in
 * the transaction that inserts the account (its audit row, its invitation link); the password is hashed before it.
 */
export async function createUser(
  deps: Deps,
  raw: unknown,
  also?: (trx: Kysely<Database>, user: { id: number; email: string }) => Promise<void>,
): Promise<{ id: number; email: string; password: string }> {
  const r = userInput.safeParse(raw);
  if (!r.success) {
    const fields = issueFields(r.error, { root: '' });
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid user: ${Object.entries(fields)
        .map(([k, v]) => `${k} (${v})`)
        .join(', ')}.`,
      {
        hint: `Give an email, a name and a role (${ROLES.join(', ')}); a password, if given, needs 12 characters or more.`,
        details: { fields },
      },
    );
  }
  const { email, name, role } = r.data;
  if (await findUserByEmail(deps.db.kysely, email)) {
    throw new AppError('DUPLICATE', `A user with the email ${email} already exists.`, { hint: 'Use another email address.' });
  }
  const password = r.data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, { email, name, role, passwordHash }, nowIso(deps));
    await also?.(trx, { id: userId, email });
    return userId;
  });
  return { id, email, password };
}
