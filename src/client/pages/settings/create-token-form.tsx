import { Button, Card, Group, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconKey } from '@tabler/icons-react';
import { z } from 'zod';
import { memberRoleSchema } from '../../../common/account-schemas';
import { apiTokenNameSchema } from '../../../common/developer-api';
import { feedback } from '../../lib/feedback';
import type { Role } from '../../lib/roles';
import { trpc } from '../../trpc';
import { RoleSelect } from '../members/role-select';

const schema = z.object({
  name: apiTokenNameSchema,
  role: memberRoleSchema,
  expiresOn: z.string(),
});

interface CreateTokenFormProps {
  workspaceId: string;
  onCreated: (token: string) => void;
}

/** The expiry day's end in local time, so a token "until 5 May" works all of 5 May. */
function endOfDay(day: string): Date | null {
  return day ? new Date(`${day}T23:59:59`) : null;
}

export function CreateTokenForm({ workspaceId, onCreated }: CreateTokenFormProps) {
  const utils = trpc.useUtils();

  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', role: 'editor' as Role, expiresOn: '' },
    validate: schemaResolver(schema, { sync: true }),
  });

  const create = trpc.tokens.create.useMutation(
    feedback({
      form,
      success: ({ apiToken }) => `Token “${apiToken.name}” created`,
      then: async ({ token }) => {
        form.reset();
        onCreated(token);
        await utils.tokens.list.invalidate({ workspaceId });
      },
    }),
  );

  const submit = form.onSubmit(({ name, role, expiresOn }) =>
    create.mutate({ workspaceId, name, role, expiresAt: endOfDay(expiresOn) }),
  );

  return (
    <Card padding="lg" mb="lg">
      <Title order={2} size="h5" mb="sm">
        Create a token
      </Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Name"
            description="What uses it, e.g. CI or Zapier"
            style={{ flex: '2 1 220px' }}
            {...form.getInputProps('name')}
          />
          <RoleSelect
            label="Role"
            description="At most your own"
            style={{ flex: '1 1 150px' }}
            {...form.getInputProps('role')}
          />
          <TextInput
            type="date"
            label="Expires on"
            description="Optional"
            style={{ flex: '1 1 150px' }}
            {...form.getInputProps('expiresOn')}
            error={form.errors.expiresOn ?? form.errors.expiresAt}
          />
          <Button
            type="submit"
            mt={{ base: 0, sm: 46 }}
            loading={create.isPending}
            leftSection={<IconKey size={16} />}
          >
            Create token
          </Button>
        </Group>
      </form>
    </Card>
  );
}
