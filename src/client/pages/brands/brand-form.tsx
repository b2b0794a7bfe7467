import { Autocomplete, Button, Checkbox, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../../../common/platforms';
import { LANGUAGES, TIMEZONES } from '../../lib/timezones';

export interface BrandFormValues {
  name: string;
  slug: string;
  timezone: string;
  language: string;
  website: string;
  defaultTargets: Platform[];
}

export type BrandForm = ReturnType<typeof useBrandForm>;

const required = (label: string) => (value: string) =>
  value.trim() === '' ? `${label} is required` : null;

export function useBrandForm(initialValues: BrandFormValues) {
  return useForm<BrandFormValues>({
    mode: 'controlled',
    initialValues,
    validate: {
      name: required('A name'),
      timezone: required('A timezone'),
      language: required('A language'),
      defaultTargets: (targets) => (targets.length === 0 ? 'Choose at least one platform' : null),
    },
  });
}

interface BrandFormFieldsProps {
  form: BrandForm;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (values: BrandFormValues) => void;
  disabled?: boolean;
  extraActions?: ReactNode;
}

/** The brand's own settings; used to create a brand and to edit one. */
export function BrandFormFields({
  form,
  submitLabel,
  submitting,
  onSubmit,
  disabled,
  extraActions,
}: BrandFormFieldsProps) {
  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate>
      <Stack>
        <TextInput
          label="Brand name"
          required
          disabled={disabled}
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Slug"
          description="Short id used in exports and the seed file; made from the name when empty"
          placeholder="kave-muhely"
          disabled={disabled}
          {...form.getInputProps('slug')}
        />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label="Timezone"
            description="Posts are scheduled in this time"
            data={TIMEZONES}
            searchable
            required
            limit={50}
            disabled={disabled}
            nothingFoundMessage="No such timezone"
            style={{ minWidth: 220 }}
            {...form.getInputProps('timezone')}
          />
          <Autocomplete
            label="Language"
            description="BCP 47 tag, e.g. hu or en-GB"
            data={LANGUAGES}
            required
            disabled={disabled}
            style={{ minWidth: 180 }}
            {...form.getInputProps('language')}
          />
        </Group>
        <TextInput
          label="Website"
          placeholder="https://example.com"
          type="url"
          disabled={disabled}
          {...form.getInputProps('website')}
        />
        <Checkbox.Group
          label="Publish to"
          description="Default targets for new posts"
          {...form.getInputProps('defaultTargets')}
        >
          <Group mt="xs">
            {PLATFORMS.map((platform) => (
              <Checkbox
                key={platform}
                value={platform}
                label={PLATFORM_LABELS[platform]}
                disabled={disabled}
              />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end">
          {extraActions}
          {!disabled && (
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
