import { hash, verify } from "@node-rs/argon2";

/**
 * Passwords are hashed with argon2id at the OWASP parameters (19 MiB, 2 passes, 1 lane). Hashing and
 * verifying run on libuv's thread pool, off the event loop.
 */
const OPTIONS = {
  algorithm: 2 /* Argon2id (a const enum the compiler may not inline here) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * A hash of nothing anyone knows, verified when there is no account (or no password) to check, so
 * that an unknown login ID costs the same time as a wrong password and cannot be told from it.
 */
let dummy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummy ??= hash("shinchoku: no such account", OPTIONS);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
