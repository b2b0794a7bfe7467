import { describe, expect, it } from 'vitest';
import {
  createFeedPost,
  createMultiPhotoPost,
  createPhotoPost,
  findFeedPostByMessage,
  uploadUnpublishedPhoto,
} from '../../src/server/meta/facebook-publish';
import type { GraphCallReport } from '../../src/server/meta/graph-client';
import { GraphError } from '../../src/server/meta/graph-errors';
import {
  createCarouselContainer,
  createCarouselItem,
  createImageContainer,
  findMediaByCaption,
  getContainerStatus,
  getPublishingQuota,
  publishContainer,
  waitForContainer,
} from '../../src/server/meta/instagram-publish';
import { startFakeGraph } from '../fakes/graph/fake-graph-server';

const graph = await startFakeGraph({ containerReadyAfterPolls: 2, quotaTotal: 3 });
const image = (n: number) => `https://images.example.com/photo-${n}.jpg`;

async function errorOf(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Facebook publishing against the Graph emulator', () => {
  it('publishes a text post with a link and finds it again by its exact message', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Text' });
    const since = new Date();

    const { postId } = await createFeedPost(graph.client(), {
      pageId,
      token,
      message: 'Open late on Friday',
      link: 'https://bakery.example.com',
    });
    await createFeedPost(graph.client(), { pageId, token, message: 'Open late on Friday!' });
    const found = await findFeedPostByMessage(
      graph.client(),
      pageId,
      token,
      'Open late on Friday',
      since,
    );
    const missing = await findFeedPostByMessage(graph.client(), pageId, token, 'Open late', since);

    expect(postId).toMatch(new RegExp(`^${pageId}_\\d+$`));
    expect(found?.postId).toBe(postId);
    expect(missing).toBeUndefined();
    expect(graph.emulator.state.posts.get(postId)?.link).toBe('https://bakery.example.com');
  });

  it('does not find a matching post created before the window', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Window' });
    await createFeedPost(graph.client(), { pageId, token, message: 'Old news' });

    const later = new Date(Date.now() + 10 * 60_000);
    const found = await findFeedPostByMessage(graph.client(), pageId, token, 'Old news', later);

    expect(found).toBeUndefined();
  });

  it('publishes a single photo with its caption', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Photo' });

    const { photoId, postId } = await createPhotoPost(graph.client(), {
      pageId,
      token,
      imageUrl: image(1),
      caption: 'Morning croissants',
    });

    expect(graph.emulator.state.photos.get(photoId)).toMatchObject({ published: true, postId });
    expect(graph.emulator.state.posts.get(postId)?.message).toBe('Morning croissants');
  });

  it('publishes several photos as one post with attached_media', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Album' });
    const client = graph.client();

    const photoIds: string[] = [];
    for (const n of [1, 2, 3]) {
      photoIds.push(
        (await uploadUnpublishedPhoto(client, { pageId, token, imageUrl: image(n) })).photoId,
      );
    }
    const visibleBefore = graph.emulator.state.published.filter(
      (p) => p.accountId === pageId,
    ).length;
    const { postId } = await createMultiPhotoPost(client, {
      pageId,
      token,
      message: 'Three loaves',
      photoIds,
    });

    expect(visibleBefore).toBe(0);
    expect(graph.emulator.state.posts.get(postId)?.photoIds).toEqual(photoIds);
    expect(graph.emulator.state.published.filter((p) => p.accountId === pageId)).toHaveLength(1);
  });

  it('refuses publishing with a user token as a permission error', async () => {
    const { pageId } = graph.emulator.createSandboxPage({ name: 'User token' });
    const userToken = graph.emulator.state.issueUserToken();

    const error = await errorOf(
      createFeedPost(graph.client(), { pageId, token: userToken, message: 'x' }),
    );

    expect(error).toMatchObject({ kind: 'permission', graphCode: 200, httpStatus: 403 });
  });
});

describe('Instagram publishing against the Graph emulator', () => {
  it('publishes a single image after polling the container until FINISHED', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG single', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const client = graph.client();
    const reports: GraphCallReport[] = [];

    const { containerId } = await createImageContainer(client, {
      ...target,
      imageUrl: image(1),
      caption: 'Rye day',
    });
    const first = await getContainerStatus(client, containerId, target.token);
    const ready = await waitForContainer(client, containerId, target.token, {
      firstDelayMs: 5,
      onCall: (report) => reports.push(report),
    });
    const { mediaId } = await publishContainer(client, { ...target, containerId });
    const after = await getContainerStatus(client, containerId, target.token);

    expect(first.statusCode).toBe('IN_PROGRESS');
    expect(ready.statusCode).toBe('FINISHED');
    expect(reports.map((r) => r.call)).toEqual(['instagram.container_status']);
    expect(after.statusCode).toBe('PUBLISHED');
    expect(graph.emulator.state.media.get(mediaId)?.caption).toBe('Rye day');
  });

  it('refuses media_publish on a container that is still processing as not ready', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG early', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };

    const { containerId } = await createImageContainer(graph.client(), {
      ...target,
      imageUrl: image(2),
      caption: 'Too soon',
    });
    const error = await errorOf(publishContainer(graph.client(), { ...target, containerId }));

    expect(error).toMatchObject({ kind: 'not_ready', graphCode: 9007, subcode: 2207027 });
  });

  it('publishes a carousel of three images', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG carousel', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const client = graph.client();

    const childIds: string[] = [];
    for (const n of [1, 2, 3]) {
      const { containerId } = await createCarouselItem(client, { ...target, imageUrl: image(n) });
      await waitForContainer(client, containerId, target.token, { firstDelayMs: 5 });
      childIds.push(containerId);
    }
    const { containerId } = await createCarouselContainer(client, {
      ...target,
      childIds,
      caption: 'Weekend box',
    });
    await waitForContainer(client, containerId, target.token, { firstDelayMs: 5 });
    const { mediaId } = await publishContainer(client, { ...target, containerId });

    expect(graph.emulator.state.media.get(mediaId)).toMatchObject({
      caption: 'Weekend box',
      mediaType: 'CAROUSEL_ALBUM',
    });
  });

  it('refuses a carousel of one image with the carousel-size error', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG small', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const { containerId } = await createCarouselItem(graph.client(), {
      ...target,
      imageUrl: image(1),
    });

    const error = await errorOf(
      createCarouselContainer(graph.client(), { ...target, childIds: [containerId], caption: 'x' }),
    );

    expect(error).toMatchObject({ kind: 'final', subcode: 2207028 });
    expect(error.message).toContain('between 2 and 10');
  });

  it('reads the quota and refuses publishing beyond it', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG quota', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const client = graph.client();

    const publish = async (caption: string) => {
      const { containerId } = await createImageContainer(client, {
        ...target,
        imageUrl: image(1),
        caption,
      });
      await waitForContainer(client, containerId, target.token, { firstDelayMs: 5 });
      return publishContainer(client, { ...target, containerId });
    };
    for (const n of [1, 2, 3]) await publish(`Post ${n}`);
    const quota = await getPublishingQuota(client, target);
    const error = await errorOf(publish('Post 4'));

    expect(quota).toEqual({ used: 3, total: 3, windowSeconds: 86_400 });
    expect(error).toMatchObject({ kind: 'final', graphCode: 9, subcode: 2207042 });
  });

  it('finds media by exact caption within the time window only', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG find', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const client = graph.client();
    const since = new Date();

    const { containerId } = await createImageContainer(client, {
      ...target,
      imageUrl: image(1),
      caption: 'Sourdough 101',
    });
    await waitForContainer(client, containerId, target.token, { firstDelayMs: 5 });
    const { mediaId } = await publishContainer(client, { ...target, containerId });

    const found = await findMediaByCaption(client, { ...target, caption: 'Sourdough 101', since });
    const otherCaption = await findMediaByCaption(client, {
      ...target,
      caption: 'Sourdough',
      since,
    });
    const tooLate = await findMediaByCaption(client, {
      ...target,
      caption: 'Sourdough 101',
      since: new Date(Date.now() + 10 * 60_000),
    });

    expect(found?.mediaId).toBe(mediaId);
    expect(otherCaption).toBeUndefined();
    expect(tooLate).toBeUndefined();
  });

  it('reports an expired container as final with the expiry subcode', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG expired', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const { containerId } = await createImageContainer(graph.client(), {
      ...target,
      imageUrl: image(1),
      caption: 'Late',
    });
    graph.emulator.state.containers.get(containerId)!.status = 'EXPIRED';

    const error = await errorOf(waitForContainer(graph.client(), containerId, target.token));

    expect(error).toMatchObject({ kind: 'final', subcode: 2207020 });
  });
});

describe('waiting for an Instagram container', () => {
  it('gives up at the deadline as not ready while the container is still processing', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG slow', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const { containerId } = await createImageContainer(graph.client(), {
      ...target,
      imageUrl: image(1),
      caption: 'Slow',
    });
    graph.emulator.state.containers.get(containerId)!.pollsUntilReady = 1_000;

    const started = Date.now();
    const error = await errorOf(
      waitForContainer(graph.client(), containerId, target.token, {
        deadlineMs: 150,
        firstDelayMs: 20,
      }),
    );

    expect(error.kind).toBe('not_ready');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails an ERROR container with the subcode from its status and a plain message', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'IG broken', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const { containerId } = await createImageContainer(graph.client(), {
      ...target,
      imageUrl: image(1),
      caption: 'Broken',
    });
    graph.emulator.setContainerStatus(containerId, 'ERROR', 2207052);

    const error = await errorOf(waitForContainer(graph.client(), containerId, target.token));

    expect(error).toMatchObject({ kind: 'final', subcode: 2207052 });
    expect(error.message).toContain('could not fetch the image');
  });
});

describe('faults and classification over HTTP', () => {
  it('classifies a held answer as a timeout whose post went live anyway', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Timeout' });
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_after', times: 1, holdMs: 2_000 });
    const reports: GraphCallReport[] = [];

    const error = await errorOf(
      createFeedPost(
        graph.client({ timeoutMs: 200 }),
        { pageId, token, message: 'Did it go?' },
        {
          onCall: (report) => reports.push(report),
        },
      ),
    );

    expect(error.kind).toBe('timeout');
    expect(error.outcomeUnknown).toBe(true);
    expect(reports).toEqual([expect.objectContaining({ call: 'facebook.feed', httpStatus: null })]);
    expect(graph.emulator.state.published.filter((p) => p.text === 'Did it go?')).toHaveLength(1);
  });

  it('classifies a timeout before the side effect as a timeout with nothing published', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({
      name: 'Timeout early',
    });
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_before', times: 1, holdMs: 2_000 });

    const error = await errorOf(
      createFeedPost(graph.client({ timeoutMs: 200 }), { pageId, token, message: 'Never sent' }),
    );

    expect(error.kind).toBe('timeout');
    expect(graph.emulator.state.published.filter((p) => p.text === 'Never sent')).toHaveLength(0);
  });

  it('classifies a dropped connection as a network error of unknown outcome', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Dropped' });
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_after', times: 1, destroy: true });

    const error = await errorOf(
      createFeedPost(graph.client(), { pageId, token, message: 'Dropped' }),
    );

    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(graph.emulator.state.published.filter((p) => p.text === 'Dropped')).toHaveLength(1);
  });

  it('classifies an injected transient error and reports its code to onCall', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Transient' });
    graph.emulator.inject({ call: 'feed.create', kind: 'transient', times: 1 });
    const reports: GraphCallReport[] = [];

    const error = await errorOf(
      createFeedPost(
        graph.client(),
        { pageId, token, message: 'Blip' },
        { onCall: (r) => reports.push(r) },
      ),
    );
    const retried = await createFeedPost(graph.client(), { pageId, token, message: 'Blip' });

    expect(error).toMatchObject({
      kind: 'transient',
      graphCode: 2,
      httpStatus: 500,
      isTransient: true,
    });
    expect(reports[0]).toMatchObject({ httpStatus: 500, errorCode: 2, errorSubcode: null });
    expect(reports[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(retried.postId).toBeTruthy();
  });

  it('classifies throttling with the usage headers and the wait hint', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Throttle' });
    graph.emulator.inject({
      call: 'feed.create',
      kind: 'throttled',
      throttleCode: 80001,
      regainMinutes: 7,
      times: 1,
    });
    const client = graph.client();

    const error = await errorOf(createFeedPost(client, { pageId, token, message: 'Slow down' }));

    expect(error).toMatchObject({ kind: 'throttled', graphCode: 80001, retryAfterSeconds: 420 });
    expect(client.lastUsage).toEqual({ highestPercent: 100, regainAccessSeconds: 420 });
  });

  it('classifies a spam block that still published as final with an unknown outcome', async () => {
    const account = graph.emulator.createSandboxPage({ name: 'Spam', withInstagram: true });
    const target = { igUserId: account.instagramId!, token: account.pageToken };
    const client = graph.client();
    const { containerId } = await createImageContainer(client, {
      ...target,
      imageUrl: image(1),
      caption: 'Spammy?',
    });
    await waitForContainer(client, containerId, target.token, { firstDelayMs: 5 });
    graph.emulator.inject({
      call: 'media.publish',
      kind: 'spam_block',
      afterEffect: true,
      times: 1,
    });

    const error = await errorOf(publishContainer(client, { ...target, containerId }));
    const status = await getContainerStatus(client, containerId, target.token);

    expect(error).toMatchObject({
      kind: 'final',
      graphCode: 4,
      subcode: 2207051,
      outcomeUnknown: true,
    });
    expect(status.statusCode).toBe('PUBLISHED');
  });

  it('never puts the token in an error message, report or cause', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Secret' });
    const reports: GraphCallReport[] = [];
    const onCall = (report: GraphCallReport) => reports.push(report);
    graph.emulator.inject({ call: 'feed.create', kind: 'token_invalid', times: 1 });
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_after', times: 1, destroy: true });

    const errors = [
      await errorOf(createFeedPost(graph.client(), { pageId, token, message: 'a' }, { onCall })),
      await errorOf(createFeedPost(graph.client(), { pageId, token, message: 'b' }, { onCall })),
      await errorOf(
        createFeedPost(graph.client(), { pageId: 'nope', token, message: 'c' }, { onCall }),
      ),
      await errorOf(
        createFeedPost(
          graph.client({ baseUrl: 'http://127.0.0.1:9' }),
          { pageId, token, message: 'd' },
          { onCall },
        ),
      ),
    ];
    const text = JSON.stringify(
      errors.map((e) => ({ ...e, message: e.message, stack: e.stack, cause: String(e.cause) })),
    );

    expect(errors.map((e) => e.kind)).toEqual(['token', 'network', 'bad_request', 'network']);
    expect(text).not.toContain(token);
    expect(JSON.stringify(reports)).not.toContain(token);
    expect(reports).toHaveLength(4);
  });
});
