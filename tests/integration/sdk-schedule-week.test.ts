import { spawn } from 'node:child_process';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { createTokenClient } from '../support/developer-api';
import { projectRoot, startTestServer } from '../support/server';
import briefs from '../../scripts/examples/briefs.json';

const database = await createTestDatabase();
const server = await startTestServer(database.url, { META_MODE: 'sandbox' });

function runExample(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/examples/schedule-week.ts', ...args],
      { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the schedule-week example script', () => {
  it('drafts every brief with AI and schedules them across next week with only a token', async () => {
    const owner = await signUpUser(server.url);
    const { token, client } = await createTokenClient(server.url, owner.api, owner.workspaceId, {
      role: 'editor',
    });
    const brand = await client.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Kávé Műhely',
      timezone: 'America/New_York',
      language: 'en',
    });
    const page = server.services.metaSandbox!.createSandboxPage({ name: 'Kávé Műhely' });
    await database.db
      .insertInto('meta_connections')
      .values({
        brand_id: brand.id,
        workspace_id: owner.workspaceId,
        page_id: page.pageId,
        page_name: 'Kávé Műhely',
        ig_user_id: null,
        ig_username: null,
        page_token: server.services.tokenCipher.encrypt(
          page.pageToken,
          `meta_connections:${brand.id}`,
        ),
        status: 'active',
        status_reason: null,
        verified_at: new Date(),
      })
      .execute();

    const result = await runExample({ POSTPILOT_URL: server.url, POSTPILOT_TOKEN: token }, [
      '--brand',
      brand.id,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const printed = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { postId: string });
    expect(printed).toHaveLength(briefs.briefs.length);

    const { posts: scheduled } = await owner.api.posts.list.query({ brandId: brand.id });
    expect(scheduled).toHaveLength(briefs.briefs.length);

    const monday = DateTime.now().setZone('America/New_York').startOf('week').plus({ weeks: 1 });
    const sunday = monday.plus({ weeks: 1 });
    const days = new Set<string>();
    for (const post of scheduled) {
      expect(post.status).toBe('scheduled');
      expect(post.excerpt.length).toBeGreaterThan(0);
      const at = DateTime.fromJSDate(post.scheduledAt!).setZone('America/New_York');
      expect(at >= monday && at < sunday).toBe(true);
      days.add(at.toISODate()!);
    }
    expect(days.size).toBe(briefs.briefs.length);

    const generations = await database.db
      .selectFrom('ai_generations')
      .select(['kind', 'outcome'])
      .where('brand_id', '=', brand.id)
      .execute();
    expect(generations.filter((g) => g.outcome === 'ok')).toHaveLength(briefs.briefs.length);
  });

  it("stops with the server's reason when the token may not write", async () => {
    const owner = await signUpUser(server.url);
    const brand = await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Read only',
      timezone: 'UTC',
      language: 'en',
    });
    const { token } = await createTokenClient(server.url, owner.api, owner.workspaceId, {
      role: 'viewer',
    });

    const result = await runExample({ POSTPILOT_URL: server.url, POSTPILOT_TOKEN: token }, [
      '--brand',
      brand.id,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FORBIDDEN: .*editor/);
  });
});
