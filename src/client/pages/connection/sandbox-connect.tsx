import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { QueryState } from '../../components/query-state';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';

/** In sandbox mode: connect one of the emulator's Pages with one click. Nothing real is touched. */
export function SandboxConnect({
  brandId,
  onConnected,
}: {
  brandId: string;
  onConnected: () => unknown;
}) {
  const status = trpc.sandbox.status.useQuery();
  const pages = trpc.sandbox.pages.list.useQuery(undefined, {
    enabled: status.data?.enabled === true,
  });
  const utils = trpc.useUtils();

  const connect = trpc.connections.connectMeta.useMutation(
    feedback({ success: (c) => `Connected to sandbox Page ${c.pageName}`, then: onConnected }),
  );
  const create = trpc.sandbox.pages.create.useMutation(
    feedback({
      success: 'Sandbox Page created',
      then: () => utils.sandbox.pages.list.invalidate(),
    }),
  );

  if (!status.data?.enabled) return null;

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge color="grape" leftSection={<IconFlask size={12} />}>
          Sandbox
        </Badge>
        <Text size="sm" c="dimmed">
          Simulated Pages inside this server: nothing is published for real.
        </Text>
      </Group>
      <QueryState query={pages}>
        {(list) => (
          <Stack gap={6}>
            {list.map((page) => (
              <Group key={page.pageId} justify="space-between">
                <Text size="sm">
                  {page.name}
                  {page.instagramUsername ? ` · Instagram @${page.instagramUsername}` : ''}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  color="grape"
                  loading={connect.isPending && connect.variables?.pageId === page.pageId}
                  onClick={() =>
                    connect.mutate({
                      brandId,
                      pageId: page.pageId,
                      pageAccessToken: page.pageToken,
                    })
                  }
                >
                  Connect {page.name}
                </Button>
              </Group>
            ))}
            <Button
              size="xs"
              variant="subtle"
              color="grape"
              w="fit-content"
              loading={create.isPending}
              onClick={() =>
                create.mutate({ name: `Sandbox Page ${list.length + 1}`, withInstagram: true })
              }
            >
              Create another sandbox Page
            </Button>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
