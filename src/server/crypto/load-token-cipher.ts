import path from 'node:path';
import { ConfigError, type Config } from '../config';
import type { Logger } from '../logger';
import { readOrCreateSecret } from '../secrets';
import { parseEncryptionKeys, TokenCipher } from './token-cipher';

const HOW_TO_MAKE_ONE =
  "make one with: node -e \"console.log('k1:' + require('crypto').randomBytes(32).toString('base64'))\"";

/**
 * The token cipher from `TOKEN_ENCRYPTION_KEYS`. Unset in development and
 * tests, a key is generated once under `DATA_DIR/secrets` (with a warning);
 * unset in production, or malformed anywhere, the process stops with a
 * message that names the variable.
 */
export function loadTokenCipher(config: Config, log: Logger): TokenCipher {
  if (config.TOKEN_ENCRYPTION_KEYS) {
    try {
      return new TokenCipher(parseEncryptionKeys(config.TOKEN_ENCRYPTION_KEYS));
    } catch (error) {
      throw new ConfigError(
        `TOKEN_ENCRYPTION_KEYS: ${(error as Error).message}. Expected "<id>:<base64 of 32 bytes>", newest first, comma-separated; ${HOW_TO_MAKE_ONE}`,
      );
    }
  }

  if (config.NODE_ENV === 'production') {
    throw new ConfigError(`TOKEN_ENCRYPTION_KEYS: required in production; ${HOW_TO_MAKE_ONE}`);
  }

  const { value, created } = readOrCreateSecret(config.DATA_DIR, 'token-encryption-key');
  log.warn(
    { created },
    `TOKEN_ENCRYPTION_KEYS is unset: encrypting tokens with a development key from ${path.join(config.DATA_DIR, 'secrets')}. Set it in production.`,
  );
  return new TokenCipher([{ id: 'dev', key: Buffer.from(value, 'base64url') }]);
}
