import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** Paths that never reach a log line, wherever they appear. */
const redact = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.pageAccessToken',
  '*.access_token',
  '*.apiKey',
  '*.secret',
];

export function createLogger(config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>): Logger {
  const pretty = config.NODE_ENV === 'development';

  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: redact, censor: '[redacted]' },
    ...(pretty && {
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
    }),
  });
}
