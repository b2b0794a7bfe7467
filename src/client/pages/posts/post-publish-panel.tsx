import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarOff,
  IconClock,
  IconCopy,
  IconDeviceFloppy,
  IconRefresh,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { PLATFORM_LABELS, PLATFORMS } from '../../../common/platforms';
import type { BrandOption } from '../../components/post-brand-picker';
import { PostStatusBadge } from '../../components/post-status-badge';
import { ConfirmDeleteModal, ResolveReviewModal } from './post-action-modals';
import { checkTime } from './post-checks';
import type { PostDetails, PostForm } from './post-form';
import { formatInZone, zoneLabel } from './post-time';

export type PostAction =
  'save' | 'schedule' | 'publish' | 'unschedule' | 'retry' | 'duplicate' | 'delete' | 'resolve';

interface PostPublishPanelProps {
  form: PostForm;
  brand: BrandOption;
  post: PostDetails | null;
  editable: boolean;
  canEdit: boolean;
  busy: PostAction | null;
  /** The content differs from what is saved. */
  dirty: boolean;
  onAction: (action: PostAction) => unknown;
  onResolve: (outcome: 'published' | 'retry', remoteId?: string) => unknown;
}

/** Where and when the post goes out, its state, and what can be done with it now. */
export function PostPublishPanel({
  form,
  brand,
  post,
  editable,
  canEdit,
  busy,
  dirty,
  onAction,
  onResolve,
}: PostPublishPanelProps) {
  const [deleting, deleteModal] = useDisclosure(false);
  const [reviewing, reviewModal] = useDisclosure(false);
  const status = post?.status ?? 'draft';
  const time = checkTime(form.getValues().at, brand.timezone);
  const button = (action: PostAction) => ({
    loading: busy === action,
    disabled: busy !== null && busy !== action,
    onClick: () => onAction(action),
  });

  return (
    <Card padding="lg" component="section" aria-labelledby="post-publishing-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="post-publishing-title">
          Publishing
        </Title>
        <PostStatusBadge status={status} size="lg" />
      </Group>

      <Stack gap="sm">
        {post && post.targets.length > 0 && status !== 'draft' && (
          <Group gap="xs">
            {post.targets.map((target) => (
              <Badge key={target.platform} variant="outline" color="gray">
                {PLATFORM_LABELS[target.platform]}: {target.status}
              </Badge>
            ))}
          </Group>
        )}
        {post?.scheduledAt && status === 'scheduled' && (
          <Text size="sm">
            <IconClock size={14} /> Goes out {formatInZone(post.scheduledAt, brand.timezone)}
          </Text>
        )}
        {post?.status === 'published' && post.publishedAt && (
          <Text size="sm">Published {formatInZone(post.publishedAt, brand.timezone)}</Text>
        )}
        {post?.status === 'publishing' && (
          <Alert color="violet" variant="light">
            Being published right now. It cannot change until the result is in.
          </Alert>
        )}
        {post?.status === 'failed' && (
          <Alert color="red" variant="light" title="Publishing failed">
            {post.lastError ?? failedTargets(post)}
          </Alert>
        )}
        {post?.status === 'needs_review' && (
          <Alert color="orange" variant="light" title="Please check the account">
            {post.reviewReason ??
              'The publisher could not prove whether the post went out. Look at the Page or account, then tell Postpilot.'}
          </Alert>
        )}
        {brand.connectionStatus !== 'active' && canEdit && (
          <Alert color="yellow" variant="light">
            {brand.name} has no working Facebook connection, so this post cannot be scheduled yet.{' '}
            <Anchor component={Link} to={`/brands/${brand.id}/connection`} size="sm">
              Connect a Page
            </Anchor>
          </Alert>
        )}

        {editable ? (
          <>
            <Checkbox.Group label="Publish to" {...form.getInputProps('targets')}>
              <Group mt={6}>
                {PLATFORMS.map((platform) => (
                  <Checkbox
                    key={platform}
                    value={platform}
                    label={PLATFORM_LABELS[platform]}
                    disabled={!editable}
                  />
                ))}
              </Group>
            </Checkbox.Group>

            <TextInput
              type="datetime-local"
              label="Date and time"
              description={`On the brand's clock: ${zoneLabel(brand.timezone)}`}
              disabled={!editable}
              {...form.getInputProps('at')}
              error={form.errors.at ?? time.problem}
            />
            {time.notice && !form.errors.at && (
              <Text size="xs" c="yellow.9" role="status">
                {time.notice}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {canEdit
              ? `Targets: ${(post?.targets ?? []).map((target) => PLATFORM_LABELS[target.platform]).join(' and ')}.`
              : 'You can read this post; editors and owners change it.'}
          </Text>
        )}

        {canEdit && (
          <Group gap="xs" mt="xs">
            {editable && (
              <Button
                leftSection={<IconClock size={16} />}
                {...button('schedule')}
                disabled={Boolean(time.problem) || (busy !== null && busy !== 'schedule')}
              >
                {status === 'scheduled' ? 'Reschedule' : 'Schedule'}
              </Button>
            )}
            {editable && (
              <Button
                variant="default"
                leftSection={<IconDeviceFloppy size={16} />}
                {...button('save')}
                disabled={!dirty || (busy !== null && busy !== 'save')}
              >
                {post ? 'Save changes' : 'Save draft'}
              </Button>
            )}
            {editable && status !== 'failed' && status !== 'needs_review' && (
              <Button variant="light" leftSection={<IconSend size={16} />} {...button('publish')}>
                Publish now
              </Button>
            )}
            {post && status === 'failed' && (
              <Button color="red" leftSection={<IconRefresh size={16} />} {...button('retry')}>
                Retry
              </Button>
            )}
            {post && status === 'needs_review' && (
              <Button color="orange" onClick={reviewModal.open} loading={busy === 'resolve'}>
                Resolve review
              </Button>
            )}
            {post && ['scheduled', 'failed', 'needs_review'].includes(status) && (
              <Button
                variant="subtle"
                leftSection={<IconCalendarOff size={16} />}
                {...button('unschedule')}
              >
                Unschedule
              </Button>
            )}
            {post && (
              <Button
                variant="subtle"
                leftSection={<IconCopy size={16} />}
                {...button('duplicate')}
              >
                Duplicate
              </Button>
            )}
            {post && status !== 'publishing' && (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={deleteModal.open}
                loading={busy === 'delete'}
              >
                Delete
              </Button>
            )}
          </Group>
        )}
      </Stack>

      <ConfirmDeleteModal
        opened={deleting}
        onClose={deleteModal.close}
        onConfirm={() => {
          deleteModal.close();
          onAction('delete');
        }}
      />
      {post && (
        <ResolveReviewModal
          opened={reviewing}
          onClose={reviewModal.close}
          targets={post.targets}
          onResolve={(outcome, remoteId) => {
            reviewModal.close();
            onResolve(outcome, remoteId);
          }}
        />
      )}
    </Card>
  );
}

function failedTargets(post: PostDetails): string {
  const failed = post.targets.filter((target) => target.errorMessage);
  if (failed.length === 0) return 'The platform refused the post.';
  return failed
    .map((target) => `${PLATFORM_LABELS[target.platform]}: ${target.errorMessage}`)
    .join(' ');
}
