import { Badge, Button, Group, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../lib/roles';
import { CreateWorkspaceModal } from '../../pages/workspaces/create-workspace-modal';
import { useWorkspace } from '../../session/workspace-context';

/** Header menu: which workspace is open, switch to another, or create one. */
export function WorkspaceSwitcher() {
  const { workspace, workspaces, selectWorkspace } = useWorkspace();
  const [creating, createModal] = useDisclosure(false);
  const navigate = useNavigate();

  const open = (id: string) => {
    selectWorkspace(id);
    navigate('/');
  };

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
          <Button
            variant="default"
            rightSection={<IconSelector size={16} />}
            aria-label={`Workspace: ${workspace.name}. Switch workspace`}
            maw={{ base: 230, sm: 360 }}
          >
            <Text span inherit display="block" truncate>
              {workspace.name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Workspaces</Menu.Label>
          {workspaces.map((w) => (
            <Menu.Item
              key={w.id}
              onClick={() => open(w.id)}
              leftSection={
                w.id === workspace.id ? <IconCheck size={16} /> : <span style={{ width: 16 }} />
              }
              aria-current={w.id === workspace.id ? 'true' : undefined}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate>
                  {w.name}
                </Text>
                <Badge size="xs" variant="light" color="gray">
                  {ROLE_LABELS[w.role]}
                </Badge>
              </Group>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            Create workspace
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateWorkspaceModal
        opened={creating}
        onClose={createModal.close}
        onCreated={() => navigate('/')}
      />
    </>
  );
}
