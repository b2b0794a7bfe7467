import { Alert, Code, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { hasRole } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { CreateWebhookForm } from './create-webhook-form';
import { ShownOnceSecret } from './shown-once-secret';
import { WebhookCard } from './webhook-card';

function SignatureHelp() {
  return (
    <Text size="sm" c="dimmed" mb="lg">
      Each delivery carries a <Code>Postpilot-Signature: t=…,v1=…</Code> header. To check it,
      compute the HMAC-SHA256 of <Code>{'<t>.<raw body>'}</Code> with the webhook’s secret and
      compare the hex digest with <Code>v1</Code>; reject old <Code>t</Code> values.
    </Text>
  );
}

export function WebhooksPage() {
  const { workspace } = useWorkspace();
  const isOwner = hasRole(workspace.role, 'owner');
  const webhooks = trpc.webhooks.list.useQuery({ workspaceId: workspace.id }, { enabled: isOwner });
  const [secret, setSecret] = useState<string | null>(null);

  const header = (
    <PageHeader
      title="Webhooks"
      description={`Postpilot calls your endpoints when things happen in ${workspace.name}.`}
    />
  );

  if (!isOwner) {
    return (
      <>
        {header}
        <Alert variant="light" icon={<IconInfoCircle />}>
          Only owners manage webhooks. Ask an owner if you need one.
        </Alert>
      </>
    );
  }

  return (
    <>
      {header}
      <SignatureHelp />
      <CreateWebhookForm workspaceId={workspace.id} onCreated={setSecret} />

      {secret && (
        <ShownOnceSecret
          title="Your webhook’s signing secret"
          label="Signing secret"
          secret={secret}
          onDone={() => setSecret(null)}
        />
      )}

      <QueryState
        query={webhooks}
        errorTitle="Could not load the webhooks"
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState icon={<IconWebhook />} title="No webhooks yet">
            Add an endpoint above to hear about published and failed posts.
          </EmptyState>
        }
      >
        {(list) => (
          <Stack gap="lg">
            {list.map((webhook) => (
              <WebhookCard key={webhook.id} webhook={webhook} workspaceId={workspace.id} />
            ))}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
