import { Badge, Button, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { formatTime } from '../../lib/format-time';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { feedback } from '../../lib/feedback';
import { trpc, type RouterOutputs } from '../../trpc';
import { useBrand } from '../brands/brand-layout';
import { VersionDiff } from './version-diff';

type Version = RouterOutputs['brain']['versions'][number];

export function BrainHistoryPage() {
  const { brand } = useBrand();
  const versions = trpc.brain.versions.useQuery({ brandId: brand.id });

  return (
    <QueryState
      query={versions}
      errorTitle="Could not load the versions"
      loading={<SkeletonLines count={4} />}
    >
      {(list) => <History brandId={brand.id} versions={list} />}
    </QueryState>
  );
}

function History({ brandId, versions }: { brandId: string; versions: Version[] }) {
  const { canEdit } = useBrand();
  const utils = trpc.useUtils();
  const newest = versions[0]?.version ?? 1;
  const [left, setLeft] = useState(String(Math.max(1, newest - 1)));
  const [right, setRight] = useState(String(newest));

  const restore = trpc.brain.restore.useMutation(
    feedback({
      success: (saved) => `Restored as version ${saved.version}`,
      then: () => Promise.all([utils.brain.invalidate(), utils.brands.invalidate()]),
    }),
  );

  const options = versions.map((v) => ({
    value: String(v.version),
    label: `Version ${v.version}`,
  }));

  return (
    <>
      <Card padding={0} mb="lg">
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Saved</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {v.version}
                      </Text>
                      {v.version === newest && <Badge size="xs">current</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatTime(v.createdAt)}</Table.Td>
                  <Table.Td>{v.authorName ?? '—'}</Table.Td>
                  <Table.Td ta="right">
                    {canEdit && v.version !== newest && (
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconRestore size={14} />}
                        loading={restore.isPending && restore.variables?.version === v.version}
                        onClick={() => restore.mutate({ brandId, version: v.version })}
                      >
                        Restore
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      <Card padding="lg">
        <Title order={2} size="h4" mb="sm">
          Compare versions
        </Title>
        <Group mb="md">
          <Select
            label="From"
            data={options}
            value={left}
            onChange={(v) => v && setLeft(v)}
            allowDeselect={false}
            w={160}
          />
          <Select
            label="To"
            data={options}
            value={right}
            onChange={(v) => v && setRight(v)}
            allowDeselect={false}
            w={160}
          />
        </Group>
        <Comparison brandId={brandId} left={Number(left)} right={Number(right)} />
      </Card>
    </>
  );
}

function Comparison({ brandId, left, right }: { brandId: string; left: number; right: number }) {
  const before = trpc.brain.getVersion.useQuery({ brandId, version: left });
  const after = trpc.brain.getVersion.useQuery({ brandId, version: right });

  return (
    <QueryState query={before} loading={<SkeletonLines count={2} />}>
      {(a) => (
        <QueryState query={after} loading={<SkeletonLines count={2} />}>
          {(b) => <VersionDiff before={a} after={b} />}
        </QueryState>
      )}
    </QueryState>
  );
}
