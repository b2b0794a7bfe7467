import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for third-party tokens (Facebook Page tokens).
 *
 * AES-256-GCM with a fresh 96-bit IV per value. A sealed value names the key
 * that sealed it, so keys can be rotated: the first key encrypts, every listed
 * key decrypts, and old values keep working until they are rewritten. The
 * format and key id are authenticated along with an optional context (such as
 * the row's id), so a value copied into another row or relabelled with another
 * key id is refused instead of decrypting.
 *
 *   v1.<keyId>.<iv>.<tag>.<ciphertext>   (iv, tag and ciphertext in base64url)
 */
const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** A sealed value that cannot be opened: altered, truncated, or sealed with an unknown key. */
export class TokenCipherError extends Error {
  override name = 'TokenCipherError';
}

export class TokenCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly current: EncryptionKey;

  constructor(keys: EncryptionKey[]) {
    if (keys.length === 0) throw new Error('at least one encryption key is needed');
    for (const { id, key } of keys) assertKey(id, key);

    this.current = keys[0]!;
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  /** The id of the key new values are sealed with. */
  get keyId(): string {
    return this.current.id;
  }

  /**
   * Seals `plaintext`; `context` must be given again to open it.
   *
   * @example
   *   const sealed = cipher.encrypt(pageToken, `meta_connections:${brandId}`);
   */
  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(associatedData(this.current.id, context));

    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();

    return [FORMAT, this.current.id, iv, tag, ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Opens a value sealed by `encrypt` with the same `context`, or throws TokenCipherError. */
  decrypt(sealed: string, context = ''): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== FORMAT) {
      throw new TokenCipherError('The stored token is not in the expected encrypted format.');
    }

    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) {
      throw new TokenCipherError(
        `The stored token was encrypted with key "${keyId}", which is not in TOKEN_ENCRYPTION_KEYS. Add that key back, or reconnect to store a new token.`,
      );
    }

    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(associatedData(keyId, context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch (error) {
      throw new TokenCipherError(
        'The stored token failed its integrity check: it was altered or belongs to another record.',
        { cause: error },
      );
    }
  }

  /** True when `sealed` was made with an older key and should be rewritten. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${FORMAT}.${keyId}.${context}`, 'utf8');
}

function assertKey(id: string, key: Buffer): void {
  if (!KEY_ID.test(id)) {
    throw new Error(`key id "${id}" must be 1–32 letters, digits, "-" or "_"`);
  }
  if (key.length !== KEY_BYTES) {
    throw new Error(`key "${id}" must be ${KEY_BYTES} bytes (it is ${key.length})`);
  }
}

/**
 * Parses `k2:<base64>,k1:<base64>` (newest first). Errors never echo key material.
 *
 * @example
 *   parseEncryptionKeys(`k1:${randomBytes(32).toString('base64')}`); // [{ id: 'k1', key }]
 */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

  if (entries.length === 0) throw new Error('expected at least one key as <id>:<base64 key>');

  const keys = entries.map((entry, index) => {
    const separator = entry.indexOf(':');
    if (separator <= 0) {
      throw new Error(`entry ${index + 1} must look like <id>:<base64 of 32 bytes>`);
    }

    const id = entry.slice(0, separator);
    const encoded = entry.slice(separator + 1);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) {
      throw new Error(`key "${id}" is not base64`);
    }

    const key = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    assertKey(id, key);
    return { id, key };
  });

  const ids = keys.map((k) => k.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`key id "${duplicate}" appears twice`);

  return keys;
}
