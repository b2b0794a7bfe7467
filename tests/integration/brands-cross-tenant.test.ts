import { describe, expect, it } from 'vitest';
import { emptyBrandBrain } from '../../src/common/brand-brain';
import { appRouter } from '../../src/server/routers';
import { fakeApp, startFakeGraph } from '../fakes/graph/fake-graph-server';
import { errorOf, signUpUser, type ApiClient } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const graph = await startFakeGraph();
const server = await startTestServer(database.url, {
  ROLE: 'web',
  META_MODE: 'live',
  META_GRAPH_URL: graph.url,
  META_APP_ID: fakeApp.appId,
  META_APP_SECRET: fakeApp.appSecret,
});

const DOMAINS = /^(brands|brain|connections)\./;
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })
    ._def.procedures,
).filter(([path]) => DOMAINS.test(path));

/** One call per brand, brain and connection procedure, aimed at the given ids. */
function everyCall(
  api: ApiClient,
  ids: { workspaceId: string; brandId: string; pageId: string; pageToken: string },
): Record<string, () => Promise<unknown>> {
  const { workspaceId, brandId } = ids;
  const place = { timezone: 'Europe/Budapest', language: 'hu' };

  return {
    'brands.list': () => api.brands.list.query({ workspaceId, includeArchived: true }),
    'brands.get': () => api.brands.get.query({ brandId }),
    'brands.create': () => api.brands.create.mutate({ workspaceId, name: 'Planted', ...place }),
    'brands.update': () => api.brands.update.mutate({ brandId, name: 'Taken over' }),
    'brands.archive': () => api.brands.archive.mutate({ brandId }),
    'brands.restore': () => api.brands.restore.mutate({ brandId }),
    'brands.loadExamples': () => api.brands.loadExamples.mutate({ workspaceId }),
    'brain.get': () => api.brain.get.query({ brandId }),
    'brain.save': () =>
      api.brain.save.mutate({ brandId, content: emptyBrandBrain(), baseVersion: 2 }),
    'brain.versions': () => api.brain.versions.query({ brandId }),
    'brain.getVersion': () => api.brain.getVersion.query({ brandId, version: 1 }),
    'brain.restore': () => api.brain.restore.mutate({ brandId, version: 1 }),
    'connections.get': () => api.connections.get.query({ brandId }),
    'connections.connectMeta': () =>
      api.connections.connectMeta.mutate({
        brandId,
        pageId: ids.pageId,
        pageAccessToken: ids.pageToken,
      }),
    'connections.disconnect': () => api.connections.disconnect.mutate({ brandId }),
    'connections.facebookLoginUrl': () => api.connections.facebookLoginUrl.mutate({ brandId }),
    'connections.facebookPages': () => api.connections.facebookPages.query({ brandId }),
    'connections.pickFacebookPage': () =>
      api.connections.pickFacebookPage.mutate({ brandId, pageId: ids.pageId }),
  };
}

async function rowsOf(workspaceId: string) {
  const [brands, brains, connections] = await Promise.all([
    database.db.selectFrom('brands').selectAll().where('workspace_id', '=', workspaceId).execute(),
    database.db
      .selectFrom('brand_brains')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('version')
      .execute(),
    database.db
      .selectFrom('meta_connections')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute(),
  ]);
  return { brands, brains, connections };
}

/** Workspace B with a brand, two brain versions and a connected Page. */
async function populatedWorkspace() {
  const owner = await signUpUser(server.url, 'Owner B');
  const brand = await owner.api.brands.create.mutate({
    workspaceId: owner.workspaceId,
    name: 'Private Bakery',
    timezone: 'Europe/Budapest',
    language: 'hu',
  });
  await owner.api.brain.save.mutate({
    brandId: brand.id,
    baseVersion: 1,
    content: {
      ...emptyBrandBrain(),
      identity: { ...emptyBrandBrain().identity, industry: 'bakery' },
    },
  });
  const page = graph.emulator.createSandboxPage({ name: 'Private Bakery' });
  await owner.api.connections.connectMeta.mutate({
    brandId: brand.id,
    pageId: page.pageId,
    pageAccessToken: page.pageToken,
  });
  return { owner, ids: { workspaceId: owner.workspaceId, brandId: brand.id, ...page } };
}

describe('brands across workspaces', () => {
  it('answers NOT_FOUND to a member of another workspace for every brand, brain and connection procedure, changing nothing', async () => {
    const b = await populatedWorkspace();
    const mallory = await signUpUser(server.url, 'Mallory');
    await mallory.api.brands.create.mutate({
      workspaceId: mallory.workspaceId,
      name: 'Own brand',
      timezone: 'UTC',
      language: 'en',
    });
    const before = await rowsOf(b.ids.workspaceId);

    const calls = everyCall(mallory.api, b.ids);
    expect(Object.keys(calls).sort()).toEqual(procedures.map(([path]) => path).sort());

    for (const [path, call] of Object.entries(calls)) {
      const error = await errorOf(call());
      expect([path, error.data?.code]).toEqual([path, 'NOT_FOUND']);
    }

    expect(await rowsOf(b.ids.workspaceId)).toEqual(before);
    expect(before.brains).toHaveLength(2);
    expect(before.connections).toHaveLength(1);
  });

  it('lets a viewer call every read but refuses every write, changing nothing', async () => {
    const b = await populatedWorkspace();
    const viewer = await signUpUser(server.url, 'Viewer');
    await b.owner.api.workspaces.members.invite.mutate({
      workspaceId: b.ids.workspaceId,
      email: viewer.email,
      role: 'viewer',
    });
    const before = await rowsOf(b.ids.workspaceId);
    const calls = everyCall(viewer.api, b.ids);

    // Reading the Pages of a Facebook Login is part of connecting, so it needs the editor role.
    const editorReads = new Set(['connections.facebookPages']);

    for (const [path, definition] of procedures) {
      const call = calls[path]!;
      if (definition._def.type === 'mutation' || editorReads.has(path)) {
        const error = await errorOf(call());
        expect([path, error.data?.code]).toEqual([path, 'FORBIDDEN']);
      } else {
        await expect(call(), path).resolves.toBeDefined();
      }
    }

    expect(await rowsOf(b.ids.workspaceId)).toEqual(before);
  });
});
