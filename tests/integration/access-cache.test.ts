import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CookieJar, createApiClient, errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { addBrand } from '../support/post-fixtures';
import { startTestServer } from '../support/server';

// Two web processes on one database, as a deployment runs them. Each caches
// sessions and roles (the TTL backstop is a minute); these tests pass only if
// a change made anywhere reaches the other process's cache within seconds.
const database = await createTestDatabase();
const serverA = await startTestServer(database.url);
const serverB = await startTestServer(database.url);

const SOON_MS = 3_000;

/** Retries `check` until it passes or `SOON_MS` runs out; returns how long it took. */
async function soon(check: () => Promise<void>): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - started;
    } catch (error) {
      if (Date.now() - started > SOON_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function listeners(): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(*)::int as count from pg_stat_activity
    where application_name = 'postpilot-listen' and datname = current_database()
      and state is not null and (query ilike 'listen%' or query = 'select 1')`.execute(database.db);
  return rows[0]!.count;
}

/** The same signed-in person, calling server B with the cookie A gave them. */
const onB = (jar: CookieJar) => createApiClient(serverB.url, jar);

async function editorOnBrand() {
  const owner = await signUpUser(serverA.url, 'Owner');
  const editor = await signUpUser(serverA.url, 'Editor');
  await owner.api.workspaces.members.invite.mutate({
    workspaceId: owner.workspaceId,
    email: editor.email,
    role: 'editor',
  });
  const brandId = await addBrand(database.db, owner.workspaceId);
  const draft = () => ({ brandId, caption: 'Hello', targets: ['facebook' as const] });

  // B now has the editor's session and role in memory.
  const editorB = onB(editor.jar);
  await editorB.posts.list.query({ brandId });
  await editorB.posts.create.mutate(draft());

  return { owner, editor, editorB, brandId, draft };
}

describe('access cached in each process', () => {
  it('obeys a demotion and a removal made on another process within seconds', async () => {
    const { owner, editor, editorB, brandId, draft } = await editorOnBrand();

    await owner.api.workspaces.members.setRole.mutate({
      workspaceId: owner.workspaceId,
      userId: editor.user.id,
      role: 'viewer',
    });
    await soon(async () => {
      expect((await errorOf(editorB.posts.create.mutate(draft()))).data?.code).toBe('FORBIDDEN');
    });
    await editorB.posts.list.query({ brandId });

    await owner.api.workspaces.members.remove.mutate({
      workspaceId: owner.workspaceId,
      userId: editor.user.id,
    });
    await soon(async () => {
      expect((await errorOf(editorB.posts.list.query({ brandId }))).data?.code).toBe('NOT_FOUND');
    });
  });

  it('obeys a change on the same process at once', async () => {
    const { owner, editor, brandId, draft } = await editorOnBrand();
    await editor.api.posts.create.mutate(draft());

    await owner.api.workspaces.members.setRole.mutate({
      workspaceId: owner.workspaceId,
      userId: editor.user.id,
      role: 'viewer',
    });
    expect((await errorOf(editor.api.posts.create.mutate(draft()))).data?.code).toBe('FORBIDDEN');
    await editor.api.posts.list.query({ brandId });
  });

  it('obeys a role changed outside the app, straight in the database', async () => {
    const { owner, editor, editorB, draft } = await editorOnBrand();

    await database.db
      .updateTable('memberships')
      .set({ role: 'viewer' })
      .where('workspace_id', '=', owner.workspaceId)
      .where('user_id', '=', editor.user.id)
      .execute();

    await soon(async () => {
      expect((await errorOf(editorB.posts.create.mutate(draft()))).data?.code).toBe('FORBIDDEN');
    });
  });

  it('ends a session on every process when its person signs out on one', async () => {
    const person = await signUpUser(serverA.url);
    const personB = onB(person.jar);
    expect((await personB.auth.me.query())?.user.id).toBe(person.user.id);

    // Sign out with a copy of the cookie, so the jar still holds the old one.
    const copy = new CookieJar();
    copy.cookie = person.jar.cookie;
    await createApiClient(serverA.url, copy).auth.signOut.mutate();

    expect(await person.api.auth.me.query()).toBeNull();
    await soon(async () => {
      expect(await personB.auth.me.query()).toBeNull();
    });
  });

  it('drops what it cached when the notification channel was lost, since changes may have been missed', async () => {
    const { owner, editor, editorB, draft } = await editorOnBrand();

    // Cut both processes' LISTEN connections, then change the role while they
    // are down: that notification is never delivered.
    const cut = await sql<{ pid: number }>`with listening as materialized (
        select pid from pg_stat_activity
        where application_name = 'postpilot-listen' and datname = current_database())
      select pid, pg_terminate_backend(pid) from listening`.execute(database.db);
    expect(cut.rows).toHaveLength(2);
    await database.db
      .updateTable('memberships')
      .set({ role: 'viewer' })
      .where('workspace_id', '=', owner.workspaceId)
      .where('user_id', '=', editor.user.id)
      .execute();

    // Once both listen again, B must not answer from what it knew before.
    await soon(async () => expect(await listeners()).toBe(2));
    expect((await errorOf(editorB.posts.create.mutate(draft()))).data?.code).toBe('FORBIDDEN');

    // And once reconnected, notifications work again.
    await database.db
      .updateTable('memberships')
      .set({ role: 'editor' })
      .where('workspace_id', '=', owner.workspaceId)
      .where('user_id', '=', editor.user.id)
      .execute();
    await soon(async () => {
      await editorB.posts.create.mutate(draft());
    });
  });
});
