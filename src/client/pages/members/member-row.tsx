import { ActionIcon, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconDoorExit, IconTrash } from '@tabler/icons-react';
import { feedback } from '../../lib/feedback';
import { ROLE_LABELS, type Role } from '../../lib/roles';
import { trpc, type RouterOutputs } from '../../trpc';
import { RoleSelect } from './role-select';

export type Member = RouterOutputs['workspaces']['members']['list'][number];

interface MemberRowProps {
  member: Member;
  workspaceId: string;
  isSelf: boolean;
  canManage: boolean;
  onRemove: (member: Member) => void;
}

export function MemberRow({ member, workspaceId, isSelf, canManage, onRemove }: MemberRowProps) {
  const utils = trpc.useUtils();

  const setRole = trpc.workspaces.members.setRole.useMutation(
    feedback({
      success: `${member.name}’s role changed`,
      then: () =>
        Promise.all([
          utils.workspaces.members.list.invalidate({ workspaceId }),
          utils.auth.me.invalidate(),
        ]),
    }),
  );

  const changeRole = (role: string | null) => {
    if (role && role !== member.role) {
      setRole.mutate({ workspaceId, userId: member.userId, role: role as Role });
    }
  };

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500} component="div">
          {member.name}{' '}
          {isSelf && (
            <Badge size="xs" variant="light" ml={4}>
              you
            </Badge>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {member.email}
        </Text>
      </Table.Td>
      <Table.Td w={180}>
        {canManage ? (
          <RoleSelect
            aria-label={`Role of ${member.name}`}
            value={member.role}
            onChange={changeRole}
            disabled={setRole.isPending}
            size="xs"
          />
        ) : (
          <Badge variant="light" color="gray">
            {ROLE_LABELS[member.role]}
          </Badge>
        )}
      </Table.Td>
      <Table.Td w={60}>
        <Group justify="flex-end">
          {(canManage || isSelf) && (
            <Tooltip label={isSelf ? 'Leave workspace' : `Remove ${member.name}`}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={isSelf ? 'Leave workspace' : `Remove ${member.name}`}
                onClick={() => onRemove(member)}
              >
                {isSelf ? <IconDoorExit size={18} /> : <IconTrash size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
