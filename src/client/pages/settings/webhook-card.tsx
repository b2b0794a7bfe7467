import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { feedback } from '../../lib/feedback';
import { trpc, type RouterOutputs } from '../../trpc';
import { DeliveryLog } from './delivery-log';
import { formatTime } from '../../lib/format-time';

type Webhook = RouterOutputs['webhooks']['list'][number];

/** One endpoint with its events, a delete button and its delivery log. */
export function WebhookCard({ webhook, workspaceId }: { webhook: Webhook; workspaceId: string }) {
  const utils = trpc.useUtils();
  const remove = trpc.webhooks.delete.useMutation(
    feedback({
      success: 'Webhook deleted',
      then: () => utils.webhooks.list.invalidate({ workspaceId }),
    }),
  );

  const confirmDelete = () => {
    if (window.confirm(`Delete the webhook for ${webhook.url}? Pending deliveries are dropped.`)) {
      remove.mutate({ webhookId: webhook.id });
    }
  };

  return (
    <Card padding="lg" aria-label={`Webhook ${webhook.url}`} component="section">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={2} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {webhook.url}
          </Title>
          <Group gap={6}>
            {webhook.events.map((event) => (
              <Badge key={event} variant="light" color="gray" tt="none">
                {event}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            Added {formatTime(webhook.createdAt)}
          </Text>
        </Stack>
        <Button
          color="red"
          variant="subtle"
          leftSection={<IconTrash size={16} />}
          loading={remove.isPending}
          onClick={confirmDelete}
        >
          Delete
        </Button>
      </Group>
      <DeliveryLog webhookId={webhook.id} />
    </Card>
  );
}
