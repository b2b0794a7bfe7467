import { Button, Card, Checkbox, Group, Stack, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconWebhook } from '@tabler/icons-react';
import { z } from 'zod';
import {
  WEBHOOK_EVENTS,
  webhookEventsSchema,
  webhookUrlSchema,
  type WebhookEvent,
} from '../../../common/developer-api';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';

const schema = z.object({ url: webhookUrlSchema, events: webhookEventsSchema });

const EVENT_LABELS: Record<WebhookEvent, string> = {
  'post.published': 'A post was published',
  'post.failed': 'A post failed to publish',
  'post.needs_review': 'A post needs review',
  'connection.needs_reconnect': 'A connection needs reconnecting',
};

interface CreateWebhookFormProps {
  workspaceId: string;
  onCreated: (secret: string) => void;
}

export function CreateWebhookForm({ workspaceId, onCreated }: CreateWebhookFormProps) {
  const utils = trpc.useUtils();

  const form = useForm({
    mode: 'controlled',
    initialValues: { url: '', events: ['post.published'] as WebhookEvent[] },
    validate: schemaResolver(schema, { sync: true }),
  });

  const create = trpc.webhooks.create.useMutation(
    feedback({
      form,
      success: 'Webhook added',
      then: async ({ secret }) => {
        form.reset();
        onCreated(secret);
        await utils.webhooks.list.invalidate({ workspaceId });
      },
    }),
  );

  return (
    <Card padding="lg" mb="lg">
      <Title order={2} size="h5" mb="sm">
        Add a webhook
      </Title>
      <form
        onSubmit={form.onSubmit((values) => create.mutate({ workspaceId, ...values }))}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label="Endpoint URL"
            description="We POST a JSON body here for each event you choose"
            placeholder="https://example.com/hooks/postpilot"
            {...form.getInputProps('url')}
          />
          <Checkbox.Group label="Events" {...form.getInputProps('events')}>
            <Group gap="lg" mt="xs">
              {WEBHOOK_EVENTS.map((event) => (
                <Checkbox
                  key={event}
                  value={event}
                  label={event}
                  description={EVENT_LABELS[event]}
                />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button
              type="submit"
              loading={create.isPending}
              leftSection={<IconWebhook size={16} />}
            >
              Add webhook
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
