import { Badge, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconApi,
  IconCheck,
  IconClock,
  IconPencil,
  IconPlayerPlay,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { PLATFORM_LABELS, type Platform } from '../../../common/platforms';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { trpc, type RouterOutputs } from '../../trpc';
import { formatInZone } from './post-time';

type HistoryEntry = RouterOutputs['posts']['history'][number];
type EventEntry = Extract<HistoryEntry, { type: 'event' }>;
type AttemptEntry = Extract<HistoryEntry, { type: 'attempt' }>;

const CALLS: Record<string, string> = {
  'facebook.feed': 'Post to the Facebook Page',
  'facebook.photo': 'Post a photo to the Facebook Page',
  'facebook.photo_upload': 'Upload a photo to Facebook',
  'facebook.feed_photos': 'Post the photos to the Facebook Page',
  'facebook.feed_list': 'Look for the post on the Page (reconcile)',
  'instagram.container': 'Prepare the Instagram image',
  'instagram.container_status': 'Check the Instagram image is ready',
  'instagram.publish': 'Publish on Instagram',
  'instagram.media_list': 'Look for the post on Instagram (reconcile)',
  'instagram.quota': 'Check the Instagram publishing limit',
};

/** Who did what to the post and every call made to publish it, newest last. */
interface PostHistoryProps {
  postId: string;
  zone: string;
  /** The post's version: a new one means new history to read. */
  version: number;
  /** Read again every few seconds, while the publisher works. */
  live: boolean;
}

export function PostHistory({ postId, zone, version, live }: PostHistoryProps) {
  const history = trpc.posts.history.useQuery(
    { postId },
    { refetchInterval: live ? 3_000 : false },
  );
  const seen = useRef(version);

  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    void history.refetch();
  }, [version, history]);

  return (
    <Card padding="lg" component="section" aria-labelledby="post-history-title">
      <Title order={2} size="h4" mb="md" id="post-history-title">
        History
      </Title>
      <QueryState
        query={history}
        errorTitle="Could not load the history"
        loading={<SkeletonLines count={3} height={32} />}
      >
        {(entries) => (
          <Timeline bulletSize={24} lineWidth={2}>
            {entries.map((entry, index) =>
              entry.type === 'event' ? (
                <Timeline.Item
                  key={index}
                  bullet={eventIcon(entry.kind)}
                  color={eventColor(entry.kind)}
                  title={describeEvent(entry, zone)}
                >
                  <Text size="xs" c="dimmed">
                    {formatInZone(entry.at, zone)}
                    {entry.actor ? ` · ${entry.actor.name}` : ' · Publisher'}
                  </Text>
                  {eventNote(entry, zone) && (
                    <Text size="sm" c={eventColor(entry.kind) === 'red' ? 'red.8' : undefined}>
                      {eventNote(entry, zone)}
                    </Text>
                  )}
                </Timeline.Item>
              ) : (
                <AttemptItem key={index} entry={entry} zone={zone} />
              ),
            )}
          </Timeline>
        )}
      </QueryState>
    </Card>
  );
}

function AttemptItem({ entry, zone }: { entry: AttemptEntry; zone: string }) {
  const ok = entry.message === null && (entry.httpStatus === null || entry.httpStatus < 400);

  return (
    <Timeline.Item
      bullet={<IconApi size={14} />}
      color={ok ? 'teal' : 'red'}
      title={`${PLATFORM_LABELS[entry.platform]}: ${CALLS[entry.call] ?? entry.call}`}
    >
      <Stack gap={2}>
        <Group gap={6}>
          <Badge size="xs" variant="light" color={ok ? 'teal' : 'red'}>
            {entry.httpStatus === null ? 'no answer' : `HTTP ${entry.httpStatus}`}
          </Badge>
          <Text size="xs" c="dimmed">
            {formatInZone(entry.at, zone)} · attempt {entry.attempt} · {entry.durationMs} ms ·
            worker {entry.workerId}
          </Text>
        </Group>
        {entry.message && (
          <Text size="sm" c="red.8">
            {entry.message}
            {entry.errorCode !== null &&
              ` (code ${entry.errorCode}${entry.errorSubcode ? `/${entry.errorSubcode}` : ''})`}
          </Text>
        )}
      </Stack>
    </Timeline.Item>
  );
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function platformOf(detail: Record<string, unknown>): string {
  const platform = text(detail.platform) as Platform | undefined;
  return platform ? PLATFORM_LABELS[platform] : 'A platform';
}

function describeEvent({ kind, detail }: EventEntry, zone: string): string {
  const at = text(detail.at);
  switch (kind) {
    case 'created':
      return 'Created as a draft';
    case 'imported':
      return 'Imported from a CSV file';
    case 'duplicated':
      return 'Created as a copy';
    case 'updated':
      return Array.isArray(detail.fields) ? `Edited: ${detail.fields.join(', ')}` : 'Edited';
    case 'scheduled':
      return at ? `Scheduled for ${formatInZone(new Date(at), zone)}` : 'Scheduled';
    case 'unscheduled':
      return 'Unscheduled, back to draft';
    case 'publish_requested':
      return 'Asked to publish now';
    case 'retried':
      return 'Sent again (retry)';
    case 'deleted':
      return 'Deleted';
    case 'target_published':
      return `${platformOf(detail)}: published`;
    case 'target_failed':
      return `${platformOf(detail)}: failed`;
    case 'published':
      return 'Published';
    case 'failed':
      return 'Publishing failed';
    case 'retry_scheduled':
      return 'A temporary problem: will try again';
    case 'needs_review':
      return 'Needs a person to check';
    case 'review_resolved':
      return detail.outcome === 'retry'
        ? 'Reviewed: not live, sent again'
        : 'Reviewed: confirmed as published';
    case 'lease_expired':
      return 'The publisher stopped mid-way; the post went back in the queue';
    default:
      return kind.replace(/_/g, ' ');
  }
}

function eventNote({ kind, detail }: EventEntry, zone: string): string | undefined {
  if (kind === 'retry_scheduled' && text(detail.retryAt)) {
    const next = formatInZone(new Date(text(detail.retryAt)!), zone);
    return `${text(detail.error) ?? ''} Next try ${next}.`.trim();
  }
  if (kind === 'target_published' && text(detail.remoteId)) return `Post id ${detail.remoteId}`;
  return text(detail.notice) ?? text(detail.message) ?? text(detail.reason) ?? text(detail.error);
}

function eventColor(kind: string): string {
  if (['failed', 'target_failed'].includes(kind)) return 'red';
  if (['needs_review', 'lease_expired', 'retry_scheduled'].includes(kind)) return 'orange';
  if (['published', 'target_published', 'review_resolved'].includes(kind)) return 'teal';
  return 'pilot';
}

function eventIcon(kind: string) {
  if (['failed', 'target_failed', 'needs_review', 'lease_expired'].includes(kind)) {
    return <IconAlertTriangle size={14} />;
  }
  if (['published', 'target_published', 'review_resolved'].includes(kind)) {
    return <IconCheck size={14} />;
  }
  if (['scheduled', 'retry_scheduled'].includes(kind)) return <IconClock size={14} />;
  if (['publish_requested', 'retried'].includes(kind)) return <IconPlayerPlay size={14} />;
  return <IconPencil size={14} />;
}
