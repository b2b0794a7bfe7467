import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconBrandFacebook,
  IconBrandInstagram,
  IconFlask,
  IconInbox,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { formatTime } from '../../lib/format-time';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';

/** What the built-in Graph emulator "published": proof the flow works, clearly not real. */
export function SandboxPage() {
  const status = trpc.sandbox.status.useQuery();

  return (
    <>
      <PageHeader
        title="Sandbox"
        description="A simulated Facebook and Instagram inside this server, to try publishing safely."
      />
      <QueryState query={status} loading={<SkeletonLines count={2} />}>
        {(data) =>
          data.enabled ? (
            <>
              <Alert color="grape" icon={<IconFlask />} title="Not real" mb="lg" role="note">
                {data.notice}
              </Alert>
              <PublishedList />
              <SandboxPages />
            </>
          ) : (
            <Alert color="blue" title="Live mode" icon={<IconFlask />}>
              {data.notice} Start the server with META_MODE=sandbox to use the sandbox.
            </Alert>
          )
        }
      </QueryState>
    </>
  );
}

function PublishedList() {
  const { workspace } = useWorkspace();
  const [onlyThisWorkspace, setOnlyThisWorkspace] = useState(true);
  const published = trpc.sandbox.published.useQuery(
    { workspaceId: onlyThisWorkspace ? workspace.id : undefined },
    { refetchInterval: 5_000 },
  );

  return (
    <Card padding="lg" mb="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Published in the sandbox
        </Title>
        <Group>
          <Switch
            label={`Only ${workspace.name}`}
            checked={onlyThisWorkspace}
            onChange={(event) => setOnlyThisWorkspace(event.currentTarget.checked)}
          />
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconRefresh size={14} />}
            onClick={() => published.refetch()}
          >
            Refresh
          </Button>
        </Group>
      </Group>
      <QueryState
        query={published}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState icon={<IconInbox />} title="Nothing published yet">
            Connect a brand to a sandbox Page, schedule a post or press “Publish now”, and it shows
            up here within seconds.
          </EmptyState>
        }
      >
        {(data) => (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>Text</Table.Th>
                  <Table.Th>When</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((item) => (
                  <Table.Tr key={`${item.platform}-${item.remoteId}`}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {item.platform === 'instagram' ? (
                          <IconBrandInstagram size={16} aria-label="Instagram" />
                        ) : (
                          <IconBrandFacebook size={16} aria-label="Facebook" />
                        )}
                        <Text size="sm">{item.accountName}</Text>
                        <Badge size="xs" color="grape" variant="light">
                          not real
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                        {item.text}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {formatTime(item.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Card>
  );
}

function SandboxPages() {
  const pages = trpc.sandbox.pages.list.useQuery();

  return (
    <Card padding="lg">
      <Title order={2} size="h4" mb={4}>
        Sandbox Pages
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Connect one to a brand from the brand’s Connection tab.
      </Text>
      <QueryState query={pages}>
        {(list) => (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {list.map((page) => (
              <Stack
                key={page.pageId}
                gap={2}
                p="sm"
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
              >
                <Text size="sm" fw={600}>
                  {page.name}
                </Text>
                <Text size="xs" c="dimmed">
                  Page {page.pageId}
                  {page.instagramUsername ? ` · Instagram @${page.instagramUsername}` : ''}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Card>
  );
}
