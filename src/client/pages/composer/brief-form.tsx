import {
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Input,
  Stack,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSparkles } from '@tabler/icons-react';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../../../common/platforms';

export interface BriefValues {
  brief: string;
  platform: Platform;
  variants: number;
}

interface BriefFormProps {
  busy: boolean;
  disabled: boolean;
  onGenerate: (values: BriefValues) => void;
}

/** The brief: what the post is about, for which platform, and how many variants. */
export function BriefForm({ busy, disabled, onGenerate }: BriefFormProps) {
  const form = useForm<BriefValues>({
    mode: 'controlled',
    initialValues: { brief: '', platform: 'instagram', variants: 3 },
    validate: {
      brief: (value) =>
        value.trim().length < 3
          ? 'Write a brief of at least a few words'
          : value.length > 4000
            ? 'Keep the brief under 4,000 characters'
            : null,
    },
  });

  return (
    <form onSubmit={form.onSubmit(onGenerate)} noValidate>
      <Stack>
        <Textarea
          label="Brief"
          description="What the post is about: the news, the offer, the date, anything it must say"
          placeholder="Saturday ride leaves 8:30 from the café; new route to Chew Valley; coffee for first-timers"
          autosize
          minRows={3}
          disabled={disabled}
          {...form.getInputProps('brief')}
        />
        <Group align="flex-end">
          <Input.Wrapper label="Platform">
            <div>
              <SegmentedControl
                mt={4}
                disabled={disabled}
                data={PLATFORMS.map((value) => ({ value, label: PLATFORM_LABELS[value] }))}
                {...form.getInputProps('platform')}
              />
            </div>
          </Input.Wrapper>
          <NumberInput
            label="Variants"
            min={1}
            max={5}
            w={100}
            disabled={disabled}
            {...form.getInputProps('variants')}
          />
          <Button
            type="submit"
            loading={busy}
            disabled={disabled}
            leftSection={<IconSparkles size={16} />}
          >
            Generate drafts
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
