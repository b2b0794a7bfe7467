import { NumberInput, SegmentedControl, Input, TagsInput, Textarea } from '@mantine/core';
import type { BrainForm } from './brain-form';
import { BrainSection } from './brain-section';

interface SectionProps {
  form: BrainForm;
  disabled: boolean;
}

/** Mantine puts list item errors under `path.index`; show them on the tags input itself. */
function listError(form: BrainForm, path: string): string | undefined {
  const messages = Object.entries(form.errors)
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .map(([, message]) => message);
  return messages.length > 0 ? messages.join(' · ') : undefined;
}

function tagsProps(form: BrainForm, path: string) {
  return { ...form.getInputProps(path), error: listError(form, path) };
}

export function VocabularySection({ form, disabled }: SectionProps) {
  return (
    <BrainSection
      id="vocabulary"
      title="Vocabulary"
      description="Words to reach for and words never to use. Banned words are matched whole, ignoring case and accents."
    >
      <TagsInput
        label="Preferred words and phrases"
        disabled={disabled}
        {...tagsProps(form, 'vocabulary.preferred')}
      />
      <TagsInput
        label="Banned words and phrases"
        disabled={disabled}
        allowDuplicates
        {...tagsProps(form, 'vocabulary.banned')}
      />
      <TagsInput
        label="Signature phrases"
        disabled={disabled}
        {...tagsProps(form, 'vocabulary.signaturePhrases')}
      />
      <TagsInput
        label="Required disclaimers"
        description="Added to every post that needs them"
        disabled={disabled}
        {...tagsProps(form, 'vocabulary.requiredDisclaimers')}
      />
    </BrainSection>
  );
}

export function StyleSection({ form, disabled }: SectionProps) {
  return (
    <BrainSection
      id="style"
      title="Style rules"
      description="Emoji, hashtags, calls to action and formatting."
    >
      <Input.Wrapper label="Emoji">
        <div>
          <SegmentedControl
            mt={4}
            disabled={disabled}
            data={[
              { value: 'none', label: 'None' },
              { value: 'sparingly', label: 'Sparingly' },
              { value: 'freely', label: 'Freely' },
            ]}
            {...form.getInputProps('style.emoji')}
          />
        </div>
      </Input.Wrapper>
      <TagsInput
        label="Hashtags to always use"
        placeholder="#brand"
        disabled={disabled}
        {...tagsProps(form, 'style.hashtags.alwaysUse')}
      />
      <NumberInput
        label="Maximum hashtags per post"
        min={0}
        max={30}
        w={220}
        disabled={disabled}
        {...form.getInputProps('style.hashtags.max')}
      />
      <TagsInput
        label="Banned hashtags"
        disabled={disabled}
        allowDuplicates
        {...tagsProps(form, 'style.hashtags.banned')}
      />
      <Textarea
        label="Call to action"
        autosize
        disabled={disabled}
        {...form.getInputProps('style.callToAction')}
      />
      <Textarea
        label="Formatting notes"
        autosize
        disabled={disabled}
        {...form.getInputProps('style.formatting')}
      />
    </BrainSection>
  );
}
