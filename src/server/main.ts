import { ConfigError, parseConfig } from './config';
import { createLogger } from './logger';
import { startPostpilot } from './start';

/**
 * Process entry: parse the config, start, and stop cleanly on SIGTERM/SIGINT.
 * Anything that prevents start prints one line and exits 1.
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = parseConfig(process.env);
  const log = createLogger(config);

  const running = await startPostpilot(config, log);
  const readyMs = Math.round(performance.now() - startedAt);
  log.info(
    { url: running.url, role: config.ROLE, readyMs },
    `Postpilot is ready on port ${running.url.split(':').pop()}`,
  );

  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');

    await running.stop().catch((error: Error) => log.error({ err: error }, 'shutdown failed'));
    log.flush();
    process.exit(code);
  };

  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));

  // A bug that escapes every handler still stops the embedded database with us.
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaught exception', 1);
  });
}

main().catch((error: Error) => {
  const message =
    error instanceof ConfigError ? `Configuration error: ${error.message}` : error.message;
  process.stderr.write(`postpilot: ${message}\n`);
  process.exit(1);
});
