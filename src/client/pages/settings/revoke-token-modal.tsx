import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { notifySuccess } from '../../lib/feedback';
import { trpc } from '../../trpc';
import type { ApiToken } from './token-row';

interface RevokeTokenModalProps {
  workspaceId: string;
  token: ApiToken | null;
  onClose: () => void;
}

/** Confirms revoking a token; whatever uses it stops working at once. */
export function RevokeTokenModal({ workspaceId, token, onClose }: RevokeTokenModalProps) {
  const utils = trpc.useUtils();

  const revoke = trpc.tokens.revoke.useMutation({
    onSuccess: async () => {
      notifySuccess(`Token “${token?.name}” revoked`);
      await utils.tokens.list.invalidate({ workspaceId });
      onClose();
    },
  });

  const close = () => {
    revoke.reset();
    onClose();
  };

  return (
    <Modal opened={token !== null} onClose={close} title="Revoke this token?">
      <Stack>
        <Text size="sm">
          Anything using “{token?.name}” is refused from its next request. This cannot be undone;
          create a new token if you need one again.
        </Text>
        {revoke.error && <ErrorAlert error={revoke.error} title="Not revoked" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() => token && revoke.mutate({ tokenId: token.id })}
          >
            Revoke
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
