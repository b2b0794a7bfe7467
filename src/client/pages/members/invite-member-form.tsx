import { Button, Card, Group, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconUserPlus } from '@tabler/icons-react';
import { z } from 'zod';
import { emailSchema, memberRoleSchema } from '../../../common/account-schemas';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';
import { RoleSelect } from './role-select';

const schema = z.object({ email: emailSchema, role: memberRoleSchema });

/** Owners add an existing Postpilot user by email, with a role. */
export function InviteMemberForm({ workspaceId }: { workspaceId: string }) {
  const utils = trpc.useUtils();

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', role: 'editor' as 'owner' | 'editor' | 'viewer' },
    validate: schemaResolver(schema, { sync: true }),
  });

  const invite = trpc.workspaces.members.invite.useMutation(
    feedback({
      form,
      success: (member) => `${member.name} joined as ${member.role}`,
      then: async () => {
        form.reset();
        await utils.workspaces.members.list.invalidate({ workspaceId });
      },
    }),
  );

  return (
    <Card padding="lg" mb="lg">
      <Title order={2} size="h5" mb="sm">
        Invite a member
      </Title>
      <form
        onSubmit={form.onSubmit((values) => invite.mutate({ workspaceId, ...values }))}
        noValidate
      >
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Email"
            description="They need a Postpilot account first"
            type="email"
            placeholder="colleague@example.com"
            style={{ flex: '2 1 240px' }}
            {...form.getInputProps('email')}
          />
          <RoleSelect
            label="Role"
            description="What they may do"
            style={{ flex: '1 1 160px' }}
            {...form.getInputProps('role')}
          />
          <Button
            type="submit"
            mt={{ base: 0, sm: 46 }}
            loading={invite.isPending}
            leftSection={<IconUserPlus size={16} />}
          >
            Invite
          </Button>
        </Group>
      </form>
    </Card>
  );
}
