import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { Link, useSearchParams } from 'react-router';
import { signInInput } from '../../../common/account-schemas';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../trpc';
import { feedback } from '../../lib/feedback';
import { AuthLayout } from './auth-layout';
import { useAfterSignIn } from './use-after-sign-in';

export function SignInPage() {
  const [params] = useSearchParams();
  const afterSignIn = useAfterSignIn();

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: schemaResolver(signInInput, { sync: true }),
    validateInputOnBlur: true,
  });

  const signIn = trpc.auth.signIn.useMutation(
    feedback({ form, then: afterSignIn, notifyErrors: false }),
  );

  return (
    <AuthLayout
      title="Sign in"
      subtitle={
        <>
          New here?{' '}
          <Anchor component={Link} to={{ pathname: '/sign-up', search: params.toString() }}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
        <Stack>
          {signIn.error && <ErrorAlert title="Could not sign you in" error={signIn.error} />}
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            data-autofocus
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            Sign in
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            After several wrong passwords we pause sign-in for a while to protect your account.
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
