import { randomBytes } from 'node:crypto';

/** A password that is shown once and typed rarely: 18 random bytes, URL-safe. */
export const generatePassword = () => randomBytes(18).toString('base64url');
