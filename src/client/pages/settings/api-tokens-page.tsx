import { Card, Table, VisuallyHidden } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { CreateTokenForm } from './create-token-form';
import { RevokeTokenModal } from './revoke-token-modal';
import { ShownOnceSecret } from './shown-once-secret';
import { TokenRow, type ApiToken } from './token-row';

const columns = ['Name', 'Prefix', 'Role', 'Created', 'Last used', 'Expires', 'State'];

export function ApiTokensPage() {
  const { workspace } = useWorkspace();
  const tokens = trpc.tokens.list.useQuery({ workspaceId: workspace.id });
  const [newToken, setNewToken] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Tokens let scripts and tools call the Postpilot API on ${workspace.name}. Send one as "Authorization: Bearer <token>".`}
      />

      <CreateTokenForm workspaceId={workspace.id} onCreated={setNewToken} />

      {newToken && (
        <ShownOnceSecret
          title="Your new API token"
          label="New API token"
          secret={newToken}
          onDone={() => setNewToken(null)}
        />
      )}

      <QueryState
        query={tokens}
        errorTitle="Could not load the API tokens"
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState icon={<IconKey />} title="No API tokens yet">
            Create one above for each tool that should reach this workspace.
          </EmptyState>
        }
      >
        {(list) => (
          <Card padding={0}>
            <Table.ScrollContainer minWidth={860}>
              <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((column) => (
                      <Table.Th key={column}>{column}</Table.Th>
                    ))}
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((token) => (
                    <TokenRow key={token.id} token={token} onRevoke={() => setRevoking(token)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )}
      </QueryState>

      <RevokeTokenModal
        workspaceId={workspace.id}
        token={revoking}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
