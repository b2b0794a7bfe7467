import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { notifySuccess } from '../../lib/feedback';
import { trpc } from '../../trpc';
import type { Member } from './member-row';

interface RemoveMemberModalProps {
  workspaceId: string;
  member: Member | null;
  isSelf: boolean;
  onClose: () => void;
}

/** Confirms removing a member (or leaving); shows the server's refusal, e.g. for the last owner. */
export function RemoveMemberModal({
  workspaceId,
  member,
  isSelf,
  onClose,
}: RemoveMemberModalProps) {
  const utils = trpc.useUtils();

  const remove = trpc.workspaces.members.remove.useMutation({
    onSuccess: async () => {
      notifySuccess(isSelf ? 'You left the workspace' : `${member?.name} was removed`);
      await Promise.all([
        utils.workspaces.members.list.invalidate({ workspaceId }),
        utils.auth.me.invalidate(),
      ]);
      onClose();
    },
  });

  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <Modal
      opened={member !== null}
      onClose={close}
      title={isSelf ? 'Leave this workspace?' : 'Remove member?'}
    >
      <Stack>
        <Text size="sm">
          {isSelf
            ? 'You will lose access to its brands and posts until an owner invites you again.'
            : `${member?.name} (${member?.email}) will lose access to this workspace. Their posts stay.`}
        </Text>
        {remove.error && <ErrorAlert error={remove.error} title="Not removed" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => member && remove.mutate({ workspaceId, userId: member.userId })}
          >
            {isSelf ? 'Leave' : 'Remove'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
