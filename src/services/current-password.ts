import { findUserById } from '../db/users-repo.js';
import { AppError } from '../errors.js';
import type { Deps } from './deps.js';
import { verifyPassword } from './password-hash.js';
import { reserveAttempt } from './rate-limit.js';
import { loginLimits } from './sessions.js';

export const currentPasswordWrong = () =>
  new AppError('CURRENT_PASSWORD_WRONG', 'Your current password is not right, so nothing was changed.', {
    hint: 'Type the password you log in with now. Forgot it? Log out and use "Forgot your password?" on the login page.',
  });

/**
 * Asks for the password of the account one is logged in to, before a change that would let someone who found an open
 * session keep the account (a new password, a new address, two-factor sign-in turned off). Wrong answers count
 * against the account's login limit (README "Login rate limits"): an open session is no way round it.
 */
export async function assertCurrentPassword(deps: Deps, userId: number, password: unknown): Promise<void> {
  const user = await findUserById(deps.db.kysely, userId);
  if (!user) throw currentPasswordWrong();
  const attempt = await reserveAttempt(deps, 'password', [loginLimits(user.email, null)[0]!]);
  const typed = typeof password === 'string' && password.length <= 1024 ? password : '';
  let ok = false;
  try {
    ok = typed !== '' && (await verifyPassword(user.password_hash, typed));
  } catch {
    ok = false;
  }
  if (!ok) {
    await attempt.keep();
    throw currentPasswordWrong();
  }
  await attempt.release();
}
