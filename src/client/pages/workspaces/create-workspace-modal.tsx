import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { z } from 'zod';
import { workspaceNameSchema } from '../../../common/account-schemas';
import { feedback } from '../../lib/feedback';
import { useOptionalWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';

const schema = z.object({ name: workspaceNameSchema });

interface CreateWorkspaceModalProps {
  opened: boolean;
  onClose: () => void;
  /** Called with the new workspace's id once it exists and is selected. */
  onCreated?: (id: string) => void;
}

/** Names a new workspace, creates it with the user as owner and switches to it. */
export function CreateWorkspaceModal({ opened, onClose, onCreated }: CreateWorkspaceModalProps) {
  const utils = trpc.useUtils();
  const current = useOptionalWorkspace();

  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: schemaResolver(schema, { sync: true }),
  });

  const create = trpc.workspaces.create.useMutation(
    feedback({
      form,
      success: (workspace) => `Workspace “${workspace.name}” created`,
      then: async (workspace) => {
        await utils.auth.me.invalidate();
        await utils.workspaces.list.invalidate();
        current?.selectWorkspace(workspace.id);
        form.reset();
        onClose();
        onCreated?.(workspace.id);
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title="Create a workspace">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            A workspace holds brands, posts and the people who work on them. Agencies often keep one
            per client.
          </Text>
          <TextInput
            label="Workspace name"
            placeholder="e.g. Acme Agency"
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create workspace
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
