import { advanceTotpStep, useRecoveryCode } from '../db/two-factor-repo.js';
import { AppError } from '../errors.js';
import { nowIso, type Deps } from './deps.js';
import { hashRecoveryCode, normalizeRecoveryCode, totpStep } from './totp.js';

export const codeInvalid = () =>
  new AppError('CODE_INVALID', 'That code is not right, has expired, or was already used.', {
    hint: 'Type the 6-digit code your authenticator app shows now (check the phone’s clock is right), or one of your unused recovery codes.',
  });

/**
 * Checks a second factor and uses it up: a 6-digit code from the app (its time step, once only) or an unused recovery
 * code (once only). Says which kind was used, or null when it is neither.
 */
export async function useSecondFactor(deps: Deps, userId: number, secret: string, raw: unknown): Promise<'totp' | 'recovery-code' | null> {
  const code = typeof raw === 'string' ? raw.replace(/\s/g, '').slice(0, 40) : '';
  if (/^\d{6}$/.test(code)) {
    const step = totpStep(secret, code, deps.clock().getTime());
    return step !== null && (await advanceTotpStep(deps.db.kysely, userId, step)) ? 'totp' : null;
  }
  const recovery = normalizeRecoveryCode(code);
  if (!recovery) return null;
  return (await useRecoveryCode(deps.db.kysely, userId, hashRecoveryCode(recovery), nowIso(deps))) ? 'recovery-code' : null;
}
