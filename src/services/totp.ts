import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { hashToken } from './secret-tokens.js';

/**
 * TOTP (RFC 6238) as every authenticator app speaks it: SHA-1, 6 digits, 30-second steps. The arithmetic is the
 * otpauth library's; this module only fixes the parameters and says which time step a code belongs to.
 */
export const TOTP_PERIOD_S = 30;
const DIGITS = 6;
/** Codes from one step before or after now are accepted too: phones' clocks drift, and typing takes time. */
const WINDOW = 1;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), as base32 for apps and storage. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totp = (secret: string, label = 'account', issuer = 'Masthead') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });

/** The otpauth:// address authenticator apps read (as a QR code or pasted): the site's name and the account's email. */
export const otpauthUri = (secret: string, issuer: string, account: string) => totp(secret, account, issuer).toString();

/** The time step a 6-digit code belongs to (now, or one step either side), or null when it matches none. */
export function totpStep(secret: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: nowMs, window: WINDOW });
  return delta === null ? null : Math.floor(nowMs / 1000 / TOTP_PERIOD_S) + delta;
}

// Without 0/o, 1/l/i: recovery codes are read off paper and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes such as "k7m2p-x9qrt" (10 characters from 31: 49 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces or dashes) to its stored form, or null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z2-9]{10}$/.test(s) ? s : null;
}

/** What the database keeps of a recovery code: its SHA-256, as for every other secret. */
export const hashRecoveryCode = (normalized: string) => hashToken(`recovery:${normalized}`);
