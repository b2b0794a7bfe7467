import { Button, Group, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { z } from 'zod';
import { workspaceNameSchema } from '../../../common/account-schemas';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';

const schema = z.object({ name: workspaceNameSchema });

/** Owners rename the open workspace in place. */
export function RenameWorkspaceForm({ workspace }: { workspace: { id: string; name: string } }) {
  const utils = trpc.useUtils();

  const form = useForm({
    mode: 'controlled',
    initialValues: { name: workspace.name },
    validate: schemaResolver(schema, { sync: true }),
  });

  const rename = trpc.workspaces.rename.useMutation(
    feedback({
      form,
      success: 'Workspace renamed',
      then: () => Promise.all([utils.auth.me.invalidate(), utils.workspaces.list.invalidate()]),
    }),
  );

  return (
    <form
      onSubmit={form.onSubmit((values) => rename.mutate({ workspaceId: workspace.id, ...values }))}
      noValidate
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Workspace name"
          style={{ flex: '1 1 220px' }}
          {...form.getInputProps('name')}
        />
        <Button
          type="submit"
          variant="default"
          loading={rename.isPending}
          disabled={!form.isDirty()}
        >
          Rename
        </Button>
      </Group>
    </form>
  );
}
