/**
 * argon2id with the library's current recommended cost. The native module loads with the first login or password
 * change: a server that only serves readers never needs it in memory.
 */
const argon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return (await argon2()).verify(passwordHash, password);
}
