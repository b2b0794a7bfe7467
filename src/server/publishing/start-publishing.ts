import { markNeedsReconnect } from '../connections/meta-connections';
import type { Services } from '../services';
import { startPublishLoop, type PublishLoop } from './publish-loop';
import { publishPost, type PublishDeps } from './publish-post';

/**
 * Starts this process's publish worker from its services and config.
 *
 * @example
 *   const publisher = startPublishing(services);
 *   services.kickPublisher = publisher.kick;
 */
export function startPublishing(
  services: Pick<Services, 'db' | 'config' | 'log' | 'graph' | 'tokenCipher'>,
): PublishLoop {
  const { config, db } = services;
  const log = services.log.child({ role: 'publisher' });

  const deps: PublishDeps = {
    db,
    graph: services.graph,
    log,
    tokenCipher: services.tokenCipher,
    maxAttempts: config.PUBLISH_MAX_ATTEMPTS,
    leaseSeconds: config.PUBLISH_LEASE_SECONDS,
    backoff: {
      baseSeconds: config.PUBLISH_RETRY_BASE_SECONDS,
      capSeconds: config.PUBLISH_RETRY_CAP_SECONDS,
    },
    markNeedsReconnect: async (brandId, reason) => {
      await markNeedsReconnect(db, brandId, reason);
    },
    crashAfterPublishCall: config.TEST_ONLY_CRASH_AFTER_PUBLISH_CALL,
  };

  if (deps.crashAfterPublishCall) {
    log.warn(
      { platform: deps.crashAfterPublishCall },
      'TEST_ONLY_CRASH_AFTER_PUBLISH_CALL is set: this worker kills itself after publishing',
    );
  }

  return startPublishLoop({
    db,
    log,
    tick: config.PUBLISH_TICK,
    batch: config.PUBLISH_BATCH,
    concurrency: config.PUBLISH_CONCURRENCY,
    leaseSeconds: config.PUBLISH_LEASE_SECONDS,
    maxAttempts: config.PUBLISH_MAX_ATTEMPTS,
    stopSeconds: config.PUBLISH_STOP_SECONDS,
    publish: (post, stopping) => publishPost(deps, post, stopping),
  });
}
