import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { Link, useSearchParams } from 'react-router';
import { PASSWORD_MIN_LENGTH, signUpInput } from '../../../common/account-schemas';
import { ErrorAlert } from '../../components/error-alert';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';
import { AuthLayout } from './auth-layout';
import { useAfterSignIn } from './use-after-sign-in';

export function SignUpPage() {
  const [params] = useSearchParams();
  const afterSignIn = useAfterSignIn();

  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', email: '', password: '' },
    validate: schemaResolver(signUpInput, { sync: true }),
    validateInputOnBlur: true,
  });

  const signUp = trpc.auth.signUp.useMutation(
    feedback({ form, then: afterSignIn, success: 'Welcome to Postpilot', notifyErrors: false }),
  );

  return (
    <AuthLayout
      title="Create your account"
      subtitle={
        <>
          Already have one?{' '}
          <Anchor component={Link} to={{ pathname: '/sign-in', search: params.toString() }}>
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => signUp.mutate(values))} noValidate>
        <Stack>
          {signUp.error && <ErrorAlert title="Could not create the account" error={signUp.error} />}
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            autoFocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Work email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth mt="xs">
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
