import argon2 from 'argon2';

/**
 * argon2id at OWASP's baseline (19 MiB, two passes, one lane): about 20–30 ms
 * on one core here, which bounds sign-in latency and an attacker's guesses.
 */
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Verified against when the email is unknown, so both failures take as long.
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (hash === undefined) {
    dummyHash ??= hashPassword('not-a-real-password');
    await argon2.verify(await dummyHash, password);
    return false;
  }

  return argon2.verify(hash, password);
}
