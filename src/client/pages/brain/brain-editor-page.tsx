import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { formatTime } from '../../lib/format-time';
import { ErrorAlert } from '../../components/error-alert';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { isConflict } from '../../lib/errors';
import { feedback } from '../../lib/feedback';
import { trpc, type RouterOutputs } from '../../trpc';
import { useBrand } from '../brands/brand-layout';
import { useBrainForm } from './brain-form';
import { ExamplesSection } from './examples-section';
import {
  AudienceSection,
  IdentitySection,
  PlatformNotesSection,
} from './identity-audience-sections';
import { StyleSection, VocabularySection } from './vocabulary-style-sections';
import { VoiceSection } from './voice-section';

type Brain = RouterOutputs['brain']['get'];

export function BrainEditorPage() {
  const { brand } = useBrand();
  const brain = trpc.brain.get.useQuery({ brandId: brand.id });

  return (
    <QueryState
      query={brain}
      errorTitle="Could not load the Brand Brain"
      loading={<SkeletonLines count={4} height={160} />}
    >
      {(data) => <BrainEditor key={data.version} brain={data} brandId={brand.id} />}
    </QueryState>
  );
}

function BrainEditor({ brain, brandId }: { brain: Brain; brandId: string }) {
  const { canEdit } = useBrand();
  const utils = trpc.useUtils();
  const form = useBrainForm(brain.content);

  const save = trpc.brain.save.useMutation(
    feedback({
      form,
      notifyErrors: false,
      success: (saved) => `Saved as version ${saved.version}`,
      then: (saved) => {
        utils.brain.get.setData({ brandId }, saved);
        return Promise.all([
          utils.brain.versions.invalidate({ brandId }),
          utils.brands.invalidate(),
        ]);
      },
    }),
  );

  const reload = async () => {
    save.reset();
    await utils.brain.get.invalidate({ brandId });
  };

  const errorCount = Object.keys(form.errors).length;
  const wholeError = form.errors[''] ?? form.errors['_'];
  const disabled = !canEdit;

  return (
    <form
      onSubmit={form.onSubmit((content) =>
        save.mutate({ brandId, content, baseVersion: brain.version }),
      )}
      noValidate
    >
      <Stack gap="lg">
        <Paper
          withBorder
          p="sm"
          shadow="xs"
          style={{ position: 'sticky', top: 70, zIndex: 5 }}
          aria-label="Save bar"
        >
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs">
              <Badge variant="light">Version {brain.version}</Badge>
              <Text size="sm" c="dimmed">
                {brain.authorName ? `by ${brain.authorName}, ` : ''}
                {formatTime(brain.createdAt)}
              </Text>
              {form.isDirty() && (
                <Badge color="yellow" variant="light">
                  Unsaved changes
                </Badge>
              )}
              {errorCount > 0 && (
                <Badge color="red" variant="light">
                  {errorCount} {errorCount === 1 ? 'problem' : 'problems'} to fix
                </Badge>
              )}
            </Group>
            {canEdit && (
              <Button
                type="submit"
                leftSection={<IconDeviceFloppy size={16} />}
                loading={save.isPending}
                disabled={!form.isDirty() || errorCount > 0}
              >
                Save new version
              </Button>
            )}
          </Group>
        </Paper>

        {!canEdit && (
          <Alert variant="light">
            You can read this Brand Brain; editors and owners change it.
          </Alert>
        )}
        {wholeError && (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {wholeError}
          </Alert>
        )}
        {save.error && isConflict(save.error) && (
          <Alert
            color="orange"
            title="Someone saved a newer version"
            icon={<IconAlertTriangle />}
            role="alert"
          >
            <Text size="sm">{save.error.message}</Text>
            <Button
              mt="sm"
              size="xs"
              variant="white"
              color="orange"
              leftSection={<IconRefresh size={14} />}
              onClick={reload}
            >
              Load the newest version (your changes here are discarded)
            </Button>
          </Alert>
        )}
        {save.error && !isConflict(save.error) && (
          <ErrorAlert error={save.error} title="Not saved" />
        )}

        <IdentitySection form={form} disabled={disabled} />
        <AudienceSection form={form} disabled={disabled} />
        <VoiceSection form={form} disabled={disabled} />
        <VocabularySection form={form} disabled={disabled} />
        <StyleSection form={form} disabled={disabled} />
        <ExamplesSection form={form} disabled={disabled} />
        <PlatformNotesSection form={form} disabled={disabled} />
      </Stack>
    </form>
  );
}
