import { createHash, randomBytes } from 'node:crypto';

/**
 * The text of an API token: `pp_` and 32 random bytes in base64url (43
 * characters). The prefix makes a leaked token easy to recognise in logs and
 * by secret scanners; only its SHA-256 is stored. A plain hash is enough (no
 * salt, no slow hash): the token has 256 random bits, so there is nothing to
 * guess, and a fast hash keeps every API request cheap to authenticate.
 */
export const TOKEN_PREFIX = 'pp_';

const TOKEN_PATTERN = /^pp_[A-Za-z0-9_-]{43}$/;

/** How many characters of a token are kept in clear so people can tell tokens apart. */
const SHOWN_CHARACTERS = 10;

export interface NewTokenSecret {
  token: string;
  hash: string;
  prefix: string;
}

/**
 * A fresh token, its hash for storage and the short prefix shown in lists.
 *
 * @example
 *   const { token, hash, prefix } = generateTokenSecret(); // prefix: 'pp_3fK9a_Q'
 */
export function generateTokenSecret(): NewTokenSecret {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN_CHARACTERS) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `text` has the shape of a Postpilot token (says nothing about validity). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}
