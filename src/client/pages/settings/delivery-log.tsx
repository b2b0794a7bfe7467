import { Badge, Button, Table, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { QueryState } from '../../components/query-state';
import { feedback } from '../../lib/feedback';
import { trpc, type RouterOutputs } from '../../trpc';
import { formatTime } from '../../lib/format-time';

type Delivery = RouterOutputs['webhooks']['deliveries'][number];

const STATUS_COLORS: Record<Delivery['status'], string> = {
  pending: 'blue',
  delivered: 'teal',
  failed: 'red',
};

function lastResponse(delivery: Delivery): string {
  const parts = [delivery.lastStatus ? `HTTP ${delivery.lastStatus}` : null, delivery.lastError];
  return parts.filter(Boolean).join(' · ') || '—';
}

function DeliveryRow({ delivery, webhookId }: { delivery: Delivery; webhookId: string }) {
  const utils = trpc.useUtils();
  const redeliver = trpc.webhooks.redeliver.useMutation(
    feedback({
      success: 'Delivery queued to be sent again',
      then: () => utils.webhooks.deliveries.invalidate({ webhookId }),
    }),
  );

  return (
    <Table.Tr>
      <Table.Td>{delivery.event}</Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[delivery.status]} variant="light">
          {delivery.status}
        </Badge>
      </Table.Td>
      <Table.Td>{delivery.attempts}</Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {lastResponse(delivery)}
        </Text>
      </Table.Td>
      <Table.Td>{formatTime(delivery.createdAt)}</Table.Td>
      <Table.Td>
        {delivery.deliveredAt
          ? `Delivered ${formatTime(delivery.deliveredAt)}`
          : delivery.nextAttemptAt
            ? `Next try ${formatTime(delivery.nextAttemptAt)}`
            : '—'}
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconSend size={14} />}
          loading={redeliver.isPending}
          onClick={() => redeliver.mutate({ deliveryId: delivery.id })}
        >
          Send again
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** The newest deliveries of one webhook, with what the endpoint answered. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const deliveries = trpc.webhooks.deliveries.useQuery({ webhookId, limit: 20 });

  return (
    <QueryState
      query={deliveries}
      errorTitle="Could not load the deliveries"
      isEmpty={(list) => list.length === 0}
      empty={
        <Text size="sm" c="dimmed">
          No deliveries yet: they appear here when a chosen event happens.
        </Text>
      }
    >
      {(list) => (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" fz="sm" aria-label="Deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last response</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Delivered / next try</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} webhookId={webhookId} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}
