import { ActionIcon, Badge, Card, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconDots, IconRestore } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PLATFORM_LABELS } from '../../../common/platforms';
import { ConnectionBadge } from '../../components/connection-badge';
import { feedback } from '../../lib/feedback';
import { trpc, type RouterOutputs } from '../../trpc';

export type Brand = RouterOutputs['brands']['list'][number];

export function BrandCard({ brand, canEdit }: { brand: Brand; canEdit: boolean }) {
  const utils = trpc.useUtils();
  const refresh = () => utils.brands.invalidate();

  const archive = trpc.brands.archive.useMutation(
    feedback({ success: `${brand.name} archived`, then: refresh }),
  );
  const restore = trpc.brands.restore.useMutation(
    feedback({ success: `${brand.name} restored`, then: refresh }),
  );
  const archived = brand.archivedAt !== null;

  return (
    <Card padding="lg" opacity={archived ? 0.7 : 1}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={3} size="h5">
            <Text
              component={Link}
              to={`/brands/${brand.id}`}
              inherit
              c="var(--mantine-color-text)"
              style={{ textDecoration: 'none' }}
            >
              {brand.name}
            </Text>
          </Title>
          <Text size="xs" c="dimmed">
            {brand.slug} · {brand.timezone} · {brand.language}
          </Text>
        </Stack>
        {canEdit && (
          <Menu position="bottom-end">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${brand.name}`}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {archived ? (
                <Menu.Item
                  leftSection={<IconRestore size={16} />}
                  onClick={() => restore.mutate({ brandId: brand.id })}
                >
                  Restore
                </Menu.Item>
              ) : (
                <Menu.Item
                  leftSection={<IconArchive size={16} />}
                  color="red"
                  onClick={() => archive.mutate({ brandId: brand.id })}
                >
                  Archive
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Group gap="xs" mt="md">
        {archived && <Badge color="gray">Archived</Badge>}
        <ConnectionBadge status={brand.connectionStatus} />
        <Badge variant="outline" color="gray">
          Brand Brain v{brand.brainVersion}
        </Badge>
        {brand.defaultTargets.map((platform) => (
          <Badge key={platform} variant="dot" color={platform === 'instagram' ? 'grape' : 'blue'}>
            {PLATFORM_LABELS[platform]}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}
