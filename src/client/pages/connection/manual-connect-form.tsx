import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';

/** Connects with a Page id and a Page access token; Facebook checks both before saving. */
export function ManualConnectForm({
  brandId,
  onConnected,
}: {
  brandId: string;
  onConnected: () => unknown;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { pageId: '', pageAccessToken: '' },
    validate: {
      pageId: (value) =>
        /^\d{1,30}$/.test(value.trim()) ? null : 'A Page id is a number, such as 104857392019283',
      pageAccessToken: (value) =>
        value.trim().length < 20 ? 'Paste the whole Page access token' : null,
    },
  });

  const connect = trpc.connections.connectMeta.useMutation(
    feedback({
      form,
      success: (connection) => `Connected to ${connection.pageName}`,
      then: () => {
        form.reset();
        return onConnected();
      },
    }),
  );

  return (
    <form onSubmit={form.onSubmit((values) => connect.mutate({ brandId, ...values }))} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          Find the Page id under the Page’s About → Page transparency. Create a Page access token
          with the Graph API Explorer (permissions pages_manage_posts, pages_read_engagement,
          instagram_content_publish). It is stored encrypted and never shown again.
        </Text>
        <TextInput label="Facebook Page id" inputMode="numeric" {...form.getInputProps('pageId')} />
        <PasswordInput
          label="Page access token"
          autoComplete="off"
          {...form.getInputProps('pageAccessToken')}
        />
        <Button type="submit" loading={connect.isPending} w="fit-content">
          Check and connect
        </Button>
      </Stack>
    </form>
  );
}
