/**
 * FOR CONTRAST ONLY — never used by the app. A faithful reimplementation of
 * the seed document's publishing cron, so `bench:publish` can show what it
 * does under the same faults and crashes: every tick it selects the due posts
 * whose boolean `publishing_lock` is false, then for each one sets the lock,
 * publishes to Facebook and Instagram, and records `published` — or, on any
 * error, `failed` — releasing the lock. Ticks may overlap, as with node-cron.
 * Its flaws are the point: two selects can return the same rows before either
 * locks them (duplicates); a crash between lock and release leaves the post
 * locked for good; a passing error fails the post.
 */
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database';
import { createPhotoPost } from '../src/server/meta/facebook-publish';
import { GraphClient } from '../src/server/meta/graph-client';
import {
  createImageContainer,
  publishContainer,
  waitForContainer,
} from '../src/server/meta/instagram-publish';

export const seedPatternTable = 'bench_seed_pattern_posts';

interface SeedPost {
  id: number;
  caption: string;
  image_url: string;
  page_id: string;
  ig_user_id: string;
  token: string;
}

export async function runSeedPatternWorker(options: {
  databaseUrl: string;
  graphUrl: string;
  appId: string;
  appSecret: string;
}): Promise<void> {
  const { db } = openDatabase(options.databaseUrl, 8);
  const graph = new GraphClient({
    baseUrl: options.graphUrl,
    version: 'v21.0',
    appId: options.appId,
    appSecret: options.appSecret,
    timeoutMs: 2_000,
  });
  const table = sql.table(seedPatternTable);

  const publishToMeta = async (post: SeedPost) => {
    const facebook = await createPhotoPost(graph, {
      pageId: post.page_id,
      token: post.token,
      imageUrl: post.image_url,
      caption: post.caption,
    });
    const account = { igUserId: post.ig_user_id, token: post.token };
    const { containerId } = await createImageContainer(graph, {
      ...account,
      imageUrl: post.image_url,
      caption: post.caption,
    });
    await waitForContainer(graph, containerId, post.token);
    const instagram = await publishContainer(graph, { ...account, containerId });
    return { fbPostId: facebook.postId, igMediaId: instagram.mediaId };
  };

  const tick = async () => {
    const now = new Date();
    const { rows: postsToPublish } = await sql<SeedPost>`
      select id, caption, image_url, page_id, ig_user_id, token from ${table}
      where status = 'scheduled' and scheduled_at <= ${now} and publishing_lock = false
        and (last_publish_attempt_at is null
          or last_publish_attempt_at < ${new Date(now.getTime() - 5 * 60 * 1000)})`.execute(db);

    for (const post of postsToPublish) {
      try {
        await sql`update ${table} set publishing_lock = true, last_publish_attempt_at = ${now}
          where id = ${post.id}`.execute(db);

        const result = await publishToMeta(post);

        await sql`update ${table} set status = 'published', published_at = now(),
          fb_post_id = ${result.fbPostId}, ig_media_id = ${result.igMediaId}, publishing_lock = false
          where id = ${post.id}`.execute(db);
      } catch (error) {
        await sql`update ${table} set status = 'failed', error_message = ${(error as Error).message},
          publishing_lock = false where id = ${post.id}`
          .execute(db)
          .catch(() => {});
      }
    }
  };

  setInterval(() => void tick().catch(() => {}), 1_000);
  process.on('SIGTERM', () => process.exit(0));
}
