import { ActionIcon, Badge, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { ROLE_LABELS } from '../../lib/roles';
import type { RouterOutputs } from '../../trpc';
import { formatTime } from '../../lib/format-time';

export type ApiToken = RouterOutputs['tokens']['list'][number];

function TokenState({ token }: { token: ApiToken }) {
  if (token.revokedAt) {
    return (
      <Tooltip label={`Revoked ${formatTime(token.revokedAt)}`}>
        <Badge color="red" variant="light">
          Revoked
        </Badge>
      </Tooltip>
    );
  }
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) {
    return (
      <Badge color="gray" variant="light">
        Expired
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light">
      Active
    </Badge>
  );
}

export function TokenRow({ token, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {token.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Code>{token.prefix}…</Code>
      </Table.Td>
      <Table.Td>{ROLE_LABELS[token.role]}</Table.Td>
      <Table.Td>{formatTime(token.createdAt)}</Table.Td>
      <Table.Td>{formatTime(token.lastUsedAt, 'Never')}</Table.Td>
      <Table.Td>{formatTime(token.expiresAt, 'Never')}</Table.Td>
      <Table.Td>
        <TokenState token={token} />
      </Table.Td>
      <Table.Td w={60}>
        <Group justify="flex-end">
          {!token.revokedAt && (
            <Tooltip label={`Revoke ${token.name}`}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Revoke ${token.name}`}
                onClick={onRevoke}
              >
                <IconBan size={18} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
