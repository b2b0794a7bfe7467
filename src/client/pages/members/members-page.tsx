import { Alert, Card, Table, VisuallyHidden } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { hasRole } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { InviteMemberForm } from './invite-member-form';
import { MemberRow, type Member } from './member-row';
import { RemoveMemberModal } from './remove-member-modal';

export function MembersPage() {
  const { workspace } = useWorkspace();
  const me = trpc.auth.me.useQuery();
  const members = trpc.workspaces.members.list.useQuery({ workspaceId: workspace.id });
  const [removing, setRemoving] = useState<Member | null>(null);

  const isOwner = hasRole(workspace.role, 'owner');
  const selfId = me.data?.user.id;

  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can open ${workspace.name}, and what each may do.`}
      />

      {isOwner ? (
        <InviteMemberForm workspaceId={workspace.id} />
      ) : (
        <Alert variant="light" icon={<IconInfoCircle />} mb="lg">
          Only owners invite people and change roles. Ask an owner if someone needs access.
        </Alert>
      )}

      <QueryState query={members} errorTitle="Could not load the members">
        {(list) => (
          <Card padding={0}>
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Member</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((member) => (
                    <MemberRow
                      key={member.userId}
                      member={member}
                      workspaceId={workspace.id}
                      isSelf={member.userId === selfId}
                      canManage={isOwner}
                      onRemove={setRemoving}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )}
      </QueryState>

      <RemoveMemberModal
        workspaceId={workspace.id}
        member={removing}
        isSelf={removing?.userId === selfId}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
