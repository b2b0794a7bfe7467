import { describe, expect, it } from 'vitest';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);

describe('workspaces and roles', () => {
  it('lets an owner invite an existing user with a role, and lists them', async () => {
    const owner = await signUpUser(server.url, 'Owner');
    const editor = await signUpUser(server.url, 'Editor');

    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: editor.email,
      role: 'editor',
    });

    const members = await owner.api.workspaces.members.list.query({
      workspaceId: owner.workspaceId,
    });
    expect(members.map((m) => [m.name, m.role])).toEqual([
      ['Owner', 'owner'],
      ['Editor', 'editor'],
    ]);

    const editorsView = await editor.api.workspaces.list.query();
    expect(editorsView.map((w) => w.id)).toContain(owner.workspaceId);
  });

  it('refuses an invitation for an email without an account, with a field error', async () => {
    const owner = await signUpUser(server.url);
    const error = await errorOf(
      owner.api.workspaces.members.invite.mutate({
        workspaceId: owner.workspaceId,
        email: 'ghost@example.com',
        role: 'viewer',
      }),
    );
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.data?.fieldErrors?.email).toBeDefined();
  });

  it('does not let a viewer invite anyone', async () => {
    const owner = await signUpUser(server.url);
    const viewer = await signUpUser(server.url);
    const other = await signUpUser(server.url);
    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: viewer.email,
      role: 'viewer',
    });

    const error = await errorOf(
      viewer.api.workspaces.members.invite.mutate({
        workspaceId: owner.workspaceId,
        email: other.email,
        role: 'owner',
      }),
    );

    expect(error.data?.code).toBe('FORBIDDEN');
    const members = await owner.api.workspaces.members.list.query({
      workspaceId: owner.workspaceId,
    });
    expect(members).toHaveLength(2);
  });

  it('answers NOT_FOUND to a non-member for another workspace, revealing nothing', async () => {
    const alice = await signUpUser(server.url);
    const mallory = await signUpUser(server.url);

    const calls = [
      () => mallory.api.workspaces.members.list.query({ workspaceId: alice.workspaceId }),
      () => mallory.api.workspaces.rename.mutate({ workspaceId: alice.workspaceId, name: 'Taken' }),
      () =>
        mallory.api.workspaces.members.invite.mutate({
          workspaceId: alice.workspaceId,
          email: mallory.email,
          role: 'owner',
        }),
      () =>
        mallory.api.workspaces.members.remove.mutate({
          workspaceId: alice.workspaceId,
          userId: alice.user.id,
        }),
    ];

    for (const call of calls) expect((await errorOf(call())).data?.code).toBe('NOT_FOUND');

    const unknown = await errorOf(
      mallory.api.workspaces.members.list.query({
        workspaceId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(unknown.message).toBe((await errorOf(calls[0]!())).message);

    const members = await alice.api.workspaces.members.list.query({
      workspaceId: alice.workspaceId,
    });
    expect(members).toHaveLength(1);
  });

  it('keeps the last owner: neither demoted nor removed', async () => {
    const owner = await signUpUser(server.url);

    const demote = await errorOf(
      owner.api.workspaces.members.setRole.mutate({
        workspaceId: owner.workspaceId,
        userId: owner.user.id,
        role: 'editor',
      }),
    );
    const remove = await errorOf(
      owner.api.workspaces.members.remove.mutate({
        workspaceId: owner.workspaceId,
        userId: owner.user.id,
      }),
    );

    expect(demote.data?.code).toBe('PRECONDITION_FAILED');
    expect(remove.data?.code).toBe('PRECONDITION_FAILED');
  });

  it('keeps one owner when two owners demote each other at the same time', async () => {
    const a = await signUpUser(server.url);
    const b = await signUpUser(server.url);
    await a.api.workspaces.members.invite.mutate({
      workspaceId: a.workspaceId,
      email: b.email,
      role: 'owner',
    });

    await Promise.allSettled([
      a.api.workspaces.members.setRole.mutate({
        workspaceId: a.workspaceId,
        userId: b.user.id,
        role: 'viewer',
      }),
      b.api.workspaces.members.setRole.mutate({
        workspaceId: a.workspaceId,
        userId: a.user.id,
        role: 'viewer',
      }),
    ]);

    const owners = await database.db
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', a.workspaceId)
      .where('role', '=', 'owner')
      .execute();
    expect(owners).toHaveLength(1);
  });

  it('creates and renames workspaces', async () => {
    const user = await signUpUser(server.url);
    const created = await user.api.workspaces.create.mutate({ name: '  Agency  ' });
    await user.api.workspaces.rename.mutate({ workspaceId: created.id, name: 'Agency Two' });

    const list = await user.api.workspaces.list.query();
    expect(list.map((w) => w.name)).toContain('Agency Two');
  });
});
