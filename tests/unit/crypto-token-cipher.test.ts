import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config';
import { loadTokenCipher } from '../../src/server/crypto/load-token-cipher';
import {
  parseEncryptionKeys,
  TokenCipher,
  TokenCipherError,
} from '../../src/server/crypto/token-cipher';
import { createLogger } from '../../src/server/logger';
import { tempDir } from '../support/clean-up';

const key = (id: string) => ({ id, key: randomBytes(32) });
const token = 'EAAGpagetoken1234567890';

/** Flips one bit of one base64url field of a sealed value. */
function tamper(sealed: string, field: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[field]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[field] = bytes.toString('base64url');
  return parts.join('.');
}

describe('token cipher', () => {
  it('round-trips a token, with a fresh IV every time and no plaintext in the output', () => {
    const cipher = new TokenCipher([key('k1')]);

    const a = cipher.encrypt(token, 'brand-1');
    const b = cipher.encrypt(token, 'brand-1');

    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toContain(token);
    expect(a).not.toContain(Buffer.from(token).toString('base64url'));
    expect(cipher.decrypt(a, 'brand-1')).toBe(token);
    expect(cipher.decrypt(b, 'brand-1')).toBe(token);
  });

  it.each([
    ['the IV', 2],
    ['the auth tag', 3],
    ['the ciphertext', 4],
  ])('refuses a value whose %s was altered', (_what, field) => {
    const cipher = new TokenCipher([key('k1')]);
    const sealed = cipher.encrypt(token);

    expect(() => cipher.decrypt(tamper(sealed, field))).toThrow(TokenCipherError);
    expect(() => cipher.decrypt(tamper(sealed, field))).toThrow(/integrity check/);
  });

  it('refuses a value moved to another record (different context)', () => {
    const cipher = new TokenCipher([key('k1')]);
    const sealed = cipher.encrypt(token, 'brand-1');

    expect(() => cipher.decrypt(sealed, 'brand-2')).toThrow(TokenCipherError);
  });

  it('refuses a value relabelled with another known key id', () => {
    const cipher = new TokenCipher([key('k2'), key('k1')]);
    const sealed = cipher.encrypt(token);

    expect(() => cipher.decrypt(sealed.replace('v1.k2.', 'v1.k1.'))).toThrow(TokenCipherError);
  });

  it('names an unknown key id instead of returning garbage', () => {
    const old = new TokenCipher([key('k0')]);
    const current = new TokenCipher([key('k1')]);

    expect(() => current.decrypt(old.encrypt(token))).toThrow(/key "k0".*TOKEN_ENCRYPTION_KEYS/);
    expect(() => current.decrypt('not-a-sealed-value')).toThrow(/expected encrypted format/);
    expect(() => current.decrypt('v1.k1.AAAA.BBBB')).toThrow(TokenCipherError);
  });

  it('still decrypts a value sealed with an old key after a new key is added first', () => {
    const k1 = key('k1');
    const before = new TokenCipher([k1]);
    const sealedBefore = before.encrypt(token, 'brand-1');

    const after = new TokenCipher([key('k2'), k1]);
    const sealedAfter = after.encrypt(token, 'brand-1');

    expect(after.decrypt(sealedBefore, 'brand-1')).toBe(token);
    expect(sealedAfter.split('.')[1]).toBe('k2');
    expect(after.needsRotation(sealedBefore)).toBe(true);
    expect(after.needsRotation(sealedAfter)).toBe(false);
  });
});

describe('encryption keys from the environment', () => {
  const k = (bytes = 32) => randomBytes(bytes).toString('base64');

  it('reads several keys, newest first, in base64 or base64url', () => {
    const keys = parseEncryptionKeys(`k2:${k()}, k1:${randomBytes(32).toString('base64url')}`);
    expect(keys.map((entry) => [entry.id, entry.key.length])).toEqual([
      ['k2', 32],
      ['k1', 32],
    ]);
  });

  it.each([
    ['a key of the wrong length', `k1:${k(16)}`, /must be 32 bytes/],
    ['an entry without an id', k(), /<id>:<base64/],
    ['a duplicate id', `k1:${k()},k1:${k()}`, /appears twice/],
    ['an id with a dot', `k.1:${k()}`, /key id/],
    ['nothing', ' , ', /at least one key/],
  ])('refuses %s without echoing key material', (_what, value, message) => {
    let error: Error | undefined;
    try {
      parseEncryptionKeys(value);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toMatch(message);
    for (const part of value.split(/[,:]/)) {
      if (part.trim().length > 8) expect(error?.message).not.toContain(part.trim());
    }
  });

  it('stops the process with a message naming TOKEN_ENCRYPTION_KEYS for a bad value', () => {
    const config = parseConfig({ NODE_ENV: 'test', TOKEN_ENCRYPTION_KEYS: 'k1:short' });
    expect(() => loadTokenCipher(config, createLogger(config))).toThrow(/^TOKEN_ENCRYPTION_KEYS: /);
  });

  it('requires keys in production', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'silent',
    });
    expect(() => loadTokenCipher(config, createLogger(config))).toThrow(
      /TOKEN_ENCRYPTION_KEYS: required in production/,
    );
  });

  it('generates a development key once under DATA_DIR and reuses it', () => {
    const dataDir = tempDir('postpilot-cipher-');
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });

    const first = loadTokenCipher(config, createLogger(config));
    const second = loadTokenCipher(config, createLogger(config));

    expect(second.decrypt(first.encrypt(token))).toBe(token);
    expect(first.keyId).toBe('dev');
  });
});
