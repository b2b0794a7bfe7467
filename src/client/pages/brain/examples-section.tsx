import { ActionIcon, Button, Group, Paper, Select, Text, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { BRAIN_MAX_EXAMPLES } from '../../../common/brand-brain';
import { PLATFORM_LABELS, PLATFORMS } from '../../../common/platforms';
import type { BrainForm } from './brain-form';
import { BrainSection } from './brain-section';

const platformOptions = PLATFORMS.map((value) => ({ value, label: PLATFORM_LABELS[value] }));

export function ExamplesSection({ form, disabled }: { form: BrainForm; disabled: boolean }) {
  const examples = form.getValues().examples;
  const full = examples.length >= BRAIN_MAX_EXAMPLES;

  return (
    <BrainSection
      id="examples"
      title="Example posts"
      description={`Posts that sound right. The AI imitates them (at most ${BRAIN_MAX_EXAMPLES}).`}
    >
      {examples.length === 0 && (
        <Text size="sm" c="dimmed">
          No examples yet. Two or three good posts teach the voice better than any description.
        </Text>
      )}
      {examples.map((_, index) => (
        <Paper key={index} withBorder p="sm">
          <Group justify="space-between" mb="xs">
            <Select
              aria-label={`Platform of example ${index + 1}`}
              data={platformOptions}
              allowDeselect={false}
              w={160}
              size="xs"
              disabled={disabled}
              {...form.getInputProps(`examples.${index}.platform`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={disabled}
              aria-label={`Remove example ${index + 1}`}
              onClick={() => form.removeListItem('examples', index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <Textarea
            aria-label={`Text of example ${index + 1}`}
            autosize
            minRows={2}
            disabled={disabled}
            {...form.getInputProps(`examples.${index}.text`)}
          />
        </Paper>
      ))}
      {!disabled && (
        <Button
          size="xs"
          variant="light"
          w="fit-content"
          disabled={full}
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('examples', { platform: 'instagram', text: '' })}
        >
          Add an example post
        </Button>
      )}
    </BrainSection>
  );
}
