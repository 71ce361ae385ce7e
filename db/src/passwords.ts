import argon2 from 'argon2';

/**
 * Officers' passwords, hashed with Argon2id (the OWASP-recommended default). Lives here because
 * both the backend (login) and the seeds (demo accounts) need it, and both depend on db.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}
