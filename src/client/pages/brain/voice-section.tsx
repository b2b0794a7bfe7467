import {
  ActionIcon,
  Button,
  Group,
  Input,
  SegmentedControl,
  SimpleGrid,
  Slider,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { BrainForm } from './brain-form';
import { BrainSection } from './brain-section';

const scales = [
  { key: 'formality', label: 'Formality', low: 'casual', high: 'formal' },
  { key: 'humour', label: 'Humour', low: 'serious', high: 'playful' },
  { key: 'energy', label: 'Energy', low: 'calm', high: 'excited' },
  { key: 'warmth', label: 'Warmth', low: 'matter-of-fact', high: 'warm' },
] as const;

const marks = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));

interface SectionProps {
  form: BrainForm;
  disabled: boolean;
}

export function VoiceSection({ form, disabled }: SectionProps) {
  const pairs = form.getValues().voice.weAreNot;

  return (
    <BrainSection
      id="voice"
      title="Voice"
      description="How the brand sounds, from 1 to 5 on each scale."
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl" verticalSpacing="lg">
        {scales.map((scale) => {
          const field = `voice.${scale.key}` as const;
          const error = form.errors[field];
          return (
            <Input.Wrapper
              key={scale.key}
              label={scale.label}
              description={`1 = ${scale.low}, 5 = ${scale.high}`}
              error={error}
              id={`voice-${scale.key}`}
            >
              <Slider
                min={1}
                max={5}
                step={1}
                marks={marks}
                mb="lg"
                mt="xs"
                disabled={disabled}
                aria-label={scale.label}
                thumbLabel={`${scale.label} (1 = ${scale.low}, 5 = ${scale.high})`}
                value={form.getValues().voice[scale.key]}
                onChange={(value) => form.setFieldValue(field, value)}
              />
            </Input.Wrapper>
          );
        })}
      </SimpleGrid>
      <TagsInput
        label="Personality"
        description="A few words, e.g. curious, neighbourly"
        disabled={disabled}
        {...form.getInputProps('voice.personality')}
      />
      <Input.Wrapper label="Point of view" description="Who speaks in the posts">
        <div>
          <SegmentedControl
            mt={4}
            disabled={disabled}
            data={[
              { value: 'we', label: 'We' },
              { value: 'i', label: 'I' },
              { value: 'brand_name', label: 'Brand name' },
            ]}
            {...form.getInputProps('voice.pointOfView')}
          />
        </div>
      </Input.Wrapper>
      <Input.Wrapper label="We are … but not …" description="Pairs that keep the voice in bounds">
        {pairs.map((_, index) => (
          <Group key={index} mt="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`We are (pair ${index + 1})`}
              placeholder="confident"
              style={{ flex: 1 }}
              disabled={disabled}
              {...form.getInputProps(`voice.weAreNot.${index}.weAre`)}
            />
            <TextInput
              aria-label={`but not (pair ${index + 1})`}
              placeholder="arrogant"
              style={{ flex: 1 }}
              disabled={disabled}
              {...form.getInputProps(`voice.weAreNot.${index}.weAreNot`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={6}
              disabled={disabled}
              aria-label={`Remove pair ${index + 1}`}
              onClick={() => form.removeListItem('voice.weAreNot', index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {!disabled && (
          <Button
            mt="xs"
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('voice.weAreNot', { weAre: '', weAreNot: '' })}
          >
            Add a pair
          </Button>
        )}
      </Input.Wrapper>
    </BrainSection>
  );
}
