import { describe, expect, it } from 'vitest';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);

const budapest = { timezone: 'Europe/Budapest', language: 'hu' };

describe('brands', () => {
  it('creates a brand with a slug folded from its name and an empty first brain version', async () => {
    const owner = await signUpUser(server.url);

    const brand = await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Kávé Műhely',
      timezone: 'europe/budapest',
      language: 'en-gb',
      website: 'https://kave.example.hu',
    });

    expect(brand).toMatchObject({
      slug: 'kave-muhely',
      timezone: 'Europe/Budapest',
      language: 'en-GB',
      defaultTargets: ['facebook'],
      brainVersion: 1,
      archivedAt: null,
    });
    const brain = await owner.api.brain.get.query({ brandId: brand.id });
    expect(brain.version).toBe(1);
    expect(brain.content.vocabulary.banned).toEqual([]);
  });

  it('suffixes a derived slug that is taken, but refuses a taken slug given explicitly', async () => {
    const owner = await signUpUser(server.url);
    const input = { workspaceId: owner.workspaceId, name: 'Morzsa', ...budapest };

    const first = await owner.api.brands.create.mutate(input);
    const second = await owner.api.brands.create.mutate(input);
    const third = await owner.api.brands.create.mutate(input);
    const explicit = await errorOf(owner.api.brands.create.mutate({ ...input, slug: 'morzsa' }));

    expect([first.slug, second.slug, third.slug]).toEqual(['morzsa', 'morzsa-2', 'morzsa-3']);
    expect(explicit.data?.code).toBe('CONFLICT');
    expect(explicit.data?.fieldErrors?.slug).toBeDefined();
  });

  it('lets the same slug exist in two workspaces', async () => {
    const a = await signUpUser(server.url);
    const b = await signUpUser(server.url);

    const inA = await a.api.brands.create.mutate({
      workspaceId: a.workspaceId,
      name: 'Same',
      ...budapest,
    });
    const inB = await b.api.brands.create.mutate({
      workspaceId: b.workspaceId,
      name: 'Same',
      ...budapest,
    });

    expect([inA.slug, inB.slug]).toEqual(['same', 'same']);
  });

  it('refuses an unknown timezone, a malformed language and a non-web website with field errors', async () => {
    const owner = await signUpUser(server.url);

    const error = await errorOf(
      owner.api.brands.create.mutate({
        workspaceId: owner.workspaceId,
        name: 'Bad',
        timezone: 'Mars/Olympus_Mons',
        language: 'english',
        website: 'ftp://example.com',
      }),
    );

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual([
      'language',
      'timezone',
      'website',
    ]);
  });

  it('updates settings, keeps the slug unless given, and refuses another brand’s slug', async () => {
    const owner = await signUpUser(server.url);
    const one = await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'One',
      ...budapest,
    });
    const two = await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Two',
      ...budapest,
    });

    const renamed = await owner.api.brands.update.mutate({
      brandId: one.id,
      name: 'Uno',
      timezone: 'America/New_York',
      website: '',
      defaultTargets: ['instagram', 'facebook', 'instagram'],
    });
    const clash = await errorOf(owner.api.brands.update.mutate({ brandId: two.id, slug: 'one' }));

    expect(renamed).toMatchObject({
      name: 'Uno',
      slug: 'one',
      timezone: 'America/New_York',
      website: null,
      defaultTargets: ['facebook', 'instagram'],
    });
    expect(clash.data?.code).toBe('CONFLICT');
    expect(clash.data?.fieldErrors?.slug).toBeDefined();
  });

  it('hides archived brands from the list until they are restored', async () => {
    const owner = await signUpUser(server.url);
    const brand = await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Seasonal',
      ...budapest,
    });

    await owner.api.brands.archive.mutate({ brandId: brand.id });
    const active = await owner.api.brands.list.query({ workspaceId: owner.workspaceId });
    const all = await owner.api.brands.list.query({
      workspaceId: owner.workspaceId,
      includeArchived: true,
    });
    const restored = await owner.api.brands.restore.mutate({ brandId: brand.id });

    expect(active).toEqual([]);
    expect(all.map((b) => b.id)).toEqual([brand.id]);
    expect(all[0]!.archivedAt).toBeInstanceOf(Date);
    expect(restored.archivedAt).toBeNull();
  });

  it('lets a viewer read brands and brains but not write them', async () => {
    const owner = await signUpUser(server.url);
    const viewer = await signUpUser(server.url);
    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: viewer.email,
      role: 'viewer',
    });
    const brand = await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Read Only',
      ...budapest,
    });
    const brain = await viewer.api.brain.get.query({ brandId: brand.id });

    const writes = [
      () =>
        viewer.api.brands.create.mutate({
          workspaceId: owner.workspaceId,
          name: 'Nope',
          ...budapest,
        }),
      () => viewer.api.brands.update.mutate({ brandId: brand.id, name: 'Nope' }),
      () => viewer.api.brands.archive.mutate({ brandId: brand.id }),
      () => viewer.api.brands.restore.mutate({ brandId: brand.id }),
      () => viewer.api.brands.loadExamples.mutate({ workspaceId: owner.workspaceId }),
      () =>
        viewer.api.brain.save.mutate({ brandId: brand.id, content: brain.content, baseVersion: 1 }),
      () => viewer.api.brain.restore.mutate({ brandId: brand.id, version: 1 }),
    ];

    for (const write of writes) expect((await errorOf(write())).data?.code).toBe('FORBIDDEN');
    expect(await viewer.api.brands.list.query({ workspaceId: owner.workspaceId })).toHaveLength(1);
    expect((await owner.api.brands.get.query({ brandId: brand.id })).name).toBe('Read Only');
    expect(
      (await owner.api.brain.versions.query({ brandId: brand.id })).map((v) => v.version),
    ).toEqual([1]);
  });

  it('loads the example brands into an empty workspace once, with full brains', async () => {
    const owner = await signUpUser(server.url);

    const [loaded, again] = await Promise.allSettled([
      owner.api.brands.loadExamples.mutate({ workspaceId: owner.workspaceId }),
      owner.api.brands.loadExamples.mutate({ workspaceId: owner.workspaceId }),
    ]);

    const results = [loaded, again].flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(results).toHaveLength(1);
    expect(results[0]!.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);

    const brands = await owner.api.brands.list.query({ workspaceId: owner.workspaceId });
    const bakery = brands.find((b) => b.language === 'hu')!;
    expect(bakery).toMatchObject({ timezone: 'Europe/Budapest', slug: 'morzsa-pekseg' });
    const brain = await owner.api.brain.get.query({ brandId: bakery.id });
    expect(brain.version).toBe(1);
    expect(brain.content.examples.length).toBeGreaterThanOrEqual(3);
    expect(brain.content.vocabulary.banned.length).toBeGreaterThan(0);
    expect(brain.authorName).toBe('Test User');
  });

  it('refuses to load example brands into a workspace that has brands', async () => {
    const owner = await signUpUser(server.url);
    await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Mine',
      ...budapest,
    });

    const error = await errorOf(
      owner.api.brands.loadExamples.mutate({ workspaceId: owner.workspaceId }),
    );

    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect(await owner.api.brands.list.query({ workspaceId: owner.workspaceId })).toHaveLength(1);
  });
});
