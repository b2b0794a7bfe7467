import { z } from 'zod';

/** Account and workspace inputs, shared so the client validates as the server does. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address' }).max(254));

export const PASSWORD_MIN_LENGTH = 10;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(200, { error: 'Use at most 200 characters' });

export const personNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter your name' })
  .max(100, { error: 'Use at most 100 characters' });

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a workspace name' })
  .max(100, { error: 'Use at most 100 characters' });

export const memberRoleSchema = z.enum(['owner', 'editor', 'viewer']);

export const signUpInput = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
});

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: 'Enter your password' }).max(200),
});
