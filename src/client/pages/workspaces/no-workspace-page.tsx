import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { EmptyState } from '../../components/empty-state';
import { AuthLayout } from '../auth/auth-layout';
import { CreateWorkspaceModal } from './create-workspace-modal';

/** Shown to someone who belongs to no workspace (e.g. they left their last one). */
export function NoWorkspacePage({ user }: { user: { name: string } }) {
  const [opened, modal] = useDisclosure(false);

  return (
    <AuthLayout title={`Hello, ${user.name}`} subtitle="You are not in any workspace right now.">
      <EmptyState
        icon={<IconBuildingCommunity />}
        title="Create a workspace"
        action={<Button onClick={modal.open}>Create workspace</Button>}
      >
        Start your own, or ask a workspace owner to invite your email address.
      </EmptyState>
      <CreateWorkspaceModal opened={opened} onClose={modal.close} />
    </AuthLayout>
  );
}
