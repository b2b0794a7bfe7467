import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { BrandPicker, useBrandChoice } from '../../components/post-brand-picker';
import { SkeletonLines } from '../../components/query-state';
import { hasRole } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { AiStatusNotice, providerLabel } from './ai-status-notice';
import { BriefForm } from './brief-form';
import { DraftCard } from './draft-card';
import { useDraftStream } from './use-draft-stream';

/** Brief → drafts in the brand's voice, streamed as they are written → pick one into a post. */
export function ComposerPage() {
  const { workspace } = useWorkspace();
  const choice = useBrandChoice();
  const status = trpc.ai.status.useQuery({ workspaceId: workspace.id });
  const stream = useDraftStream();
  const canEdit = hasRole(workspace.role, 'editor');

  const header = (
    <PageHeader
      title="Composer"
      description="Write a brief; get drafts in the brand’s voice, checked against its rules."
    />
  );

  if (choice.brands.isPending || status.isPending) {
    return (
      <>
        {header}
        <SkeletonLines count={3} height={100} />
      </>
    );
  }
  if (choice.brands.error || status.error) {
    const failed = choice.brands.error ?? status.error;
    return (
      <>
        {header}
        <ErrorAlert
          error={failed}
          onRetry={() => {
            void choice.brands.refetch();
            void status.refetch();
          }}
        />
      </>
    );
  }
  if (!choice.brand) {
    return (
      <>
        {header}
        <EmptyState
          icon={<IconBuildingStore />}
          title="Create a brand first"
          action={
            <Button component={Link} to="/brands">
              Open brands
            </Button>
          }
        >
          Drafts are written from a brand’s Brand Brain: its voice, audience and rules.
        </EmptyState>
      </>
    );
  }

  const brand = choice.brand;
  const noProvider = status.data.order.length === 0;
  const result = stream.result;
  const drafting = stream.streaming || stream.texts.length > 0;

  return (
    <>
      {header}
      <AiStatusNotice status={status.data} />
      <Card padding="lg" mb="lg">
        <Stack>
          <BrandPicker brands={choice.list} value={choice.brandId} onChange={choice.setBrandId} />
          <BriefForm
            busy={stream.streaming}
            disabled={!canEdit || noProvider}
            onGenerate={(values) => stream.start({ brandId: brand.id, ...values })}
          />
          {!canEdit && (
            <Text size="sm" c="dimmed">
              Viewers can read drafts; editors and owners generate them.
            </Text>
          )}
        </Stack>
      </Card>

      {stream.error !== null && <ErrorAlert error={stream.error} title="No drafts this time" />}

      {result && (
        <Group mb="sm" gap="xs">
          <Text size="sm" c="dimmed">
            Answered by
          </Text>
          <Badge color={result.provider === 'sandbox' ? 'grape' : 'pilot'} variant="light">
            {providerLabel(status.data, result.provider, result.model)}
          </Badge>
        </Group>
      )}

      {(result || drafting) && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {result
            ? result.drafts.map((draft, index) => (
                <DraftCard
                  key={`${result.generationId}-${index}`}
                  index={index}
                  brand={brand}
                  platform={stream.platform}
                  text={draft.text}
                  warnings={draft.warnings}
                  streaming={false}
                  canEdit={canEdit}
                />
              ))
            : stream.texts.map((text, index) => (
                <DraftCard
                  key={`streaming-${index}`}
                  index={index}
                  brand={brand}
                  platform={stream.platform}
                  text={text}
                  warnings={[]}
                  streaming
                  canEdit={canEdit}
                />
              ))}
        </SimpleGrid>
      )}
    </>
  );
}
