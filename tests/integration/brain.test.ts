import { describe, expect, it } from 'vitest';
import { emptyBrandBrain, type BrandBrain } from '../../src/common/brand-brain';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);

async function brandWithOwner(name = 'Brain Owner') {
  const owner = await signUpUser(server.url, name);
  const brand = await owner.api.brands.create.mutate({
    workspaceId: owner.workspaceId,
    name: 'Morzsa',
    timezone: 'Europe/Budapest',
    language: 'hu',
  });
  return { ...owner, brandId: brand.id };
}

function brainWith(change: (brain: BrandBrain) => void): BrandBrain {
  const brain = emptyBrandBrain();
  change(brain);
  return brain;
}

async function versionRows(brandId: string) {
  return database.db
    .selectFrom('brand_brains')
    .select(['version', 'content'])
    .where('brand_id', '=', brandId)
    .orderBy('version')
    .execute();
}

describe('brand brain versions', () => {
  it('stores every save as a new version and keeps the old ones', async () => {
    const { api, brandId } = await brandWithOwner('Anna');

    const v2 = await api.brain.save.mutate({
      brandId,
      baseVersion: 1,
      content: brainWith((b) => (b.identity.description = 'Kovászos kenyér hajnalban')),
    });
    const v3 = await api.brain.save.mutate({
      brandId,
      baseVersion: 2,
      content: brainWith((b) => (b.voice.formality = 5)),
    });

    expect([v2.version, v3.version]).toEqual([2, 3]);
    const current = await api.brain.get.query({ brandId });
    expect(current).toMatchObject({ version: 3, authorName: 'Anna' });
    expect(current.content.voice.formality).toBe(5);

    const old = await api.brain.getVersion.query({ brandId, version: 2 });
    expect(old.content.identity.description).toBe('Kovászos kenyér hajnalban');

    const versions = await api.brain.versions.query({ brandId });
    expect(versions.map((v) => [v.version, v.authorName])).toEqual([
      [3, 'Anna'],
      [2, 'Anna'],
      [1, 'Anna'],
    ]);
    expect(versions[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('refuses a save from a stale base version with CONFLICT and writes nothing', async () => {
    const { api, brandId } = await brandWithOwner();
    await api.brain.save.mutate({ brandId, baseVersion: 1, content: emptyBrandBrain() });

    const error = await errorOf(
      api.brain.save.mutate({
        brandId,
        baseVersion: 1,
        content: brainWith((b) => (b.identity.industry = 'lost update')),
      }),
    );

    expect(error.data?.code).toBe('CONFLICT');
    expect(error.data?.details).toEqual({ currentVersion: 2 });
    expect(error.message).toMatch(/version 2/);
    expect((await versionRows(brandId)).map((r) => r.version)).toEqual([1, 2]);
  });

  it('lets exactly one of two concurrent saves from the same base version win', async () => {
    const { api, brandId } = await brandWithOwner();

    const outcomes = await Promise.allSettled(
      ['first', 'second', 'third'].map((industry) =>
        api.brain.save.mutate({
          brandId,
          baseVersion: 1,
          content: brainWith((b) => (b.identity.industry = industry)),
        }),
      ),
    );

    const saved = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(2);
    for (const o of refused) {
      expect((o.reason as { data?: { code?: string } }).data?.code).toBe('CONFLICT');
    }
    expect((await versionRows(brandId)).map((r) => r.version)).toEqual([1, 2]);
  });

  it('restores an old version by saving its content as the newest version', async () => {
    const { api, brandId } = await brandWithOwner();
    const original = brainWith((b) => (b.vocabulary.banned = ['olcsó', 'akció']));
    await api.brain.save.mutate({ brandId, baseVersion: 1, content: original });
    await api.brain.save.mutate({
      brandId,
      baseVersion: 2,
      content: brainWith((b) => (b.vocabulary.banned = ['prémium'])),
    });

    const restored = await api.brain.restore.mutate({ brandId, version: 2 });

    expect(restored.version).toBe(4);
    expect(restored.content.vocabulary.banned).toEqual(['olcsó', 'akció']);
    const rows = await versionRows(brandId);
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect(rows[2]!.content).toMatchObject({ vocabulary: { banned: ['prémium'] } });
  });

  it('answers NOT_FOUND for a version that does not exist', async () => {
    const { api, brandId } = await brandWithOwner();

    const read = await errorOf(api.brain.getVersion.query({ brandId, version: 9 }));
    const restore = await errorOf(api.brain.restore.mutate({ brandId, version: 9 }));

    expect([read.data?.code, restore.data?.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('refuses an invalid brain with a field error for each problem', async () => {
    const { api, brandId } = await brandWithOwner();
    const content = brainWith((b) => {
      b.voice.formality = 6;
      b.vocabulary.banned = ['Olcsó', 'OLCSÓ'];
      b.examples = Array.from({ length: 21 }, (_, i) => ({
        platform: 'facebook' as const,
        text: `Example ${i}`,
      }));
    });

    const error = await errorOf(api.brain.save.mutate({ brandId, baseVersion: 1, content }));

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors).toMatchObject({
      'content.voice.formality': ['must be 1–5'],
      'content.vocabulary.banned[1]': ['duplicates "Olcsó"'],
      'content.examples': ['at most 20 example posts'],
    });
    expect((await versionRows(brandId)).map((r) => r.version)).toEqual([1]);
  });

  it('refuses a brain over the total size limit', async () => {
    const { api, brandId } = await brandWithOwner();
    const content = brainWith((b) => {
      b.examples = Array.from({ length: 12 }, () => ({
        platform: 'instagram' as const,
        text: 'x'.repeat(2000),
      }));
    });

    const error = await errorOf(api.brain.save.mutate({ brandId, baseVersion: 1, content }));

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/at most 20,000 characters/);
  });
});
