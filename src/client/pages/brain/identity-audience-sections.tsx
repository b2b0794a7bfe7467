import { TagsInput, Textarea, TextInput } from '@mantine/core';
import type { BrainForm } from './brain-form';
import { BrainSection } from './brain-section';

interface SectionProps {
  form: BrainForm;
  disabled: boolean;
}

export function IdentitySection({ form, disabled }: SectionProps) {
  return (
    <BrainSection
      id="identity"
      title="Identity"
      description="What the brand is and does, in a few sentences the AI can build on."
    >
      <Textarea
        label="Description"
        autosize
        minRows={3}
        disabled={disabled}
        {...form.getInputProps('identity.description')}
      />
      <TextInput
        label="Industry"
        disabled={disabled}
        {...form.getInputProps('identity.industry')}
      />
      <TagsInput
        label="Products and services"
        description="Press Enter after each"
        disabled={disabled}
        {...form.getInputProps('identity.productsAndServices')}
      />
      <TagsInput label="Values" disabled={disabled} {...form.getInputProps('identity.values')} />
    </BrainSection>
  );
}

export function AudienceSection({ form, disabled }: SectionProps) {
  return (
    <BrainSection
      id="audience"
      title="Audience"
      description="Who reads the posts, what they need, and what holds them back."
    >
      <Textarea
        label="Who they are"
        autosize
        minRows={2}
        disabled={disabled}
        {...form.getInputProps('audience.who')}
      />
      <TagsInput
        label="What they need"
        disabled={disabled}
        {...form.getInputProps('audience.needs')}
      />
      <TagsInput
        label="What they object to"
        disabled={disabled}
        {...form.getInputProps('audience.objections')}
      />
    </BrainSection>
  );
}

export function PlatformNotesSection({ form, disabled }: SectionProps) {
  return (
    <BrainSection
      id="platforms"
      title="Platform notes"
      description="Anything that differs per platform: length, tone, what works there."
    >
      <Textarea
        label="Facebook"
        autosize
        minRows={2}
        disabled={disabled}
        {...form.getInputProps('platformNotes.facebook')}
      />
      <Textarea
        label="Instagram"
        autosize
        minRows={2}
        disabled={disabled}
        {...form.getInputProps('platformNotes.instagram')}
      />
    </BrainSection>
  );
}
