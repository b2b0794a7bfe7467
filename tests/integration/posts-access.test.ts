import { beforeAll, describe, expect, it } from 'vitest';
import { postsRouter } from '../../src/server/routers/posts';
import { errorOf, signUpUser, type ApiClient } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { addBrand, daysAhead } from '../support/post-fixtures';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);
const { db } = database;

type Call = (api: ApiClient) => Promise<unknown>;

let workspaceId: string;
let brandId: string;
let postId: string;
let failedPostId: string;

/** Every posts procedure, called on Alice's brand and posts. */
function everyCall(): Record<string, Call> {
  const range = { from: new Date(), to: new Date(Date.now() + 30 * 86_400_000) };
  const csv = `date,time,caption,image_urls,targets\n,,Sneaky,,facebook\n`;

  return {
    create: (api) => api.posts.create.mutate({ brandId, caption: 'x', targets: ['facebook'] }),
    get: (api) => api.posts.get.query({ postId }),
    update: (api) => api.posts.update.mutate({ postId, version: 2, caption: 'taken over' }),
    delete: (api) => api.posts.delete.mutate({ postId }),
    duplicate: (api) => api.posts.duplicate.mutate({ postId }),
    list: (api) => api.posts.list.query({ brandId }),
    calendar: (api) => api.posts.calendar.query({ brandId, ...range }),
    'calendar (workspace)': (api) => api.posts.calendar.query({ workspaceId, ...range }),
    schedule: (api) => api.posts.schedule.mutate({ postId, version: 2, at: daysAhead(9) }),
    unschedule: (api) => api.posts.unschedule.mutate({ postId }),
    publishNow: (api) => api.posts.publishNow.mutate({ postId }),
    retry: (api) => api.posts.retry.mutate({ postId: failedPostId }),
    history: (api) => api.posts.history.query({ postId }),
    resolveReview: (api) =>
      api.posts.resolveReview.mutate({ postId: failedPostId, outcome: 'retry' }),
    importCsv: (api) => api.posts.importCsv.mutate({ brandId, csv, dryRun: false }),
    exportCsv: (api) => api.posts.exportCsv.query({ brandId, ...range }),
  };
}

const reads = new Set(['get', 'list', 'calendar', 'calendar (workspace)', 'history', 'exportCsv']);

async function everything() {
  const posts = await db.selectFrom('posts').selectAll().orderBy('id').execute();
  const targets = await db.selectFrom('post_targets').selectAll().orderBy('post_id').execute();
  const events = await db.selectFrom('post_events').selectAll().orderBy('id').execute();
  return { posts, targets, events };
}

let alice: Awaited<ReturnType<typeof signUpUser>>;

beforeAll(async () => {
  alice = await signUpUser(server.url, 'Alice');
  workspaceId = alice.workspaceId;
  brandId = await addBrand(db, workspaceId);
  const post = await alice.api.posts.create.mutate({
    brandId,
    caption: 'Alice’s post',
    targets: ['facebook'],
  });
  await alice.api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(3) });
  postId = post.id;

  const failed = await alice.api.posts.create.mutate({
    brandId,
    caption: 'Failed',
    targets: ['facebook'],
  });
  await db.updateTable('posts').set({ status: 'failed' }).where('id', '=', failed.id).execute();
  failedPostId = failed.id;
});

describe('who may do what with posts', () => {
  it('covers every posts procedure in these checks', () => {
    const covered = new Set(Object.keys(everyCall()).map((name) => name.split(' ')[0]));
    expect([...covered].sort()).toEqual(Object.keys(postsRouter._def.procedures).sort());
  });

  it('answers NOT_FOUND to another workspace for every procedure, changing nothing', async () => {
    const mallory = await signUpUser(server.url, 'Mallory');
    await addBrand(db, mallory.workspaceId); // Mallory has brands of her own
    const before = await everything();

    for (const [name, call] of Object.entries(everyCall())) {
      const error = await errorOf(call(mallory.api));
      expect([name, error.data?.code]).toEqual([name, 'NOT_FOUND']);
    }

    expect(await everything()).toEqual(before);
  });

  it('lets a viewer read but not write, changing nothing', async () => {
    const viewer = await signUpUser(server.url, 'Vera Viewer');
    await alice.api.workspaces.members.invite.mutate({
      workspaceId,
      email: viewer.email,
      role: 'viewer',
    });
    const before = await everything();

    for (const [name, call] of Object.entries(everyCall())) {
      if (reads.has(name)) {
        await expect(call(viewer.api), name).resolves.toBeDefined();
      } else {
        const error = await errorOf(call(viewer.api));
        expect([name, error.data?.code]).toEqual([name, 'FORBIDDEN']);
      }
    }

    expect(await everything()).toEqual(before);
  });

  it('lets an editor of the workspace write', async () => {
    const editor = await signUpUser(server.url, 'Eddie Editor');
    await alice.api.workspaces.members.invite.mutate({
      workspaceId,
      email: editor.email,
      role: 'editor',
    });

    const copy = await editor.api.posts.duplicate.mutate({ postId });

    const history = await alice.api.posts.history.query({ postId: copy.id });
    expect(history).toMatchObject([{ kind: 'duplicated', actor: { name: 'Eddie Editor' } }]);
  });
});
