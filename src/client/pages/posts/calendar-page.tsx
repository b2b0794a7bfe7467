import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconBuildingStore, IconPlus, IconSparkles } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { ALL_BRANDS, BrandPicker, useBrandChoice } from '../../components/post-brand-picker';
import { PostStatusLegend } from '../../components/post-status-badge';
import { SkeletonLines } from '../../components/query-state';
import { isConflict } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/feedback';
import { hasRole } from '../../lib/roles';
import { browserTimezone } from '../../lib/timezones';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { PostCalendar, type CalendarPost } from './post-calendar';
import { zoneLabel } from './post-time';

export function CalendarPage() {
  const { workspace } = useWorkspace();
  const choice = useBrandChoice({ allowAll: true });

  if (choice.brands.isPending) return <SkeletonLines count={4} height={120} />;
  if (choice.brands.error) {
    return (
      <ErrorAlert
        error={choice.brands.error}
        title="Could not load the brands"
        onRetry={() => choice.brands.refetch()}
      />
    );
  }

  if (choice.list.length === 0) {
    return (
      <>
        <PageHeader title="Calendar" />
        <EmptyState
          icon={<IconBuildingStore />}
          title="No brands to plan for yet"
          action={
            <Button component={Link} to="/brands">
              Set up a brand
            </Button>
          }
        >
          Posts belong to a brand. Create one (or load the examples) and its posts show up here.
        </EmptyState>
      </>
    );
  }

  return <CalendarView key={workspace.id} choice={choice} />;
}

function CalendarView({ choice }: { choice: ReturnType<typeof useBrandChoice> }) {
  const { workspace } = useWorkspace();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [range, setRange] = useState<{ from: Date; to: Date } | null>(null);
  const canEdit = hasRole(workspace.role, 'editor');

  const all = choice.brandId === ALL_BRANDS;
  const zone = calendarZone(choice.brand?.timezone, choice.list);
  const scope = all ? { workspaceId: workspace.id } : { brandId: choice.brandId! };

  const posts = trpc.posts.calendar.useQuery(
    { ...scope, from: range?.from ?? new Date(0), to: range?.to ?? new Date(1) },
    { enabled: range !== null, placeholderData: keepPreviousData },
  );

  const schedule = trpc.posts.schedule.useMutation();

  const move = (post: CalendarPost, at: string, revert: () => void) => {
    const brandZone = choice.list.find((brand) => brand.id === post.brandId)?.timezone ?? zone;
    // The grid's wall clock is the brand's unless all brands with mixed zones are shown.
    const when = brandZone === zone ? at : `${at}:00${offsetOf(zone, at)}`;

    schedule.mutate(
      { postId: post.id, version: post.version, at: when },
      {
        onSuccess: (result) => {
          notifySuccess(result.notice ?? 'Post moved');
          void utils.posts.invalidate();
        },
        onError: (error) => {
          revert();
          if (isConflict(error)) {
            notifyError(
              new Error(
                'This post changed since you opened it. The calendar now shows its latest state.',
              ),
              'Not moved',
            );
            void posts.refetch();
          } else {
            notifyError(error, 'Not moved');
          }
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Calendar"
        description={`Times in ${zoneLabel(zone)}. Drag a post to move it; click one to open it.`}
        actions={
          <>
            <BrandPicker
              brands={choice.list}
              value={choice.brandId}
              onChange={choice.setBrandId}
              allowAll
            />
            {canEdit && (
              <Button
                mt={{ base: 0, xs: 24 }}
                leftSection={<IconPlus size={16} />}
                component={Link}
                to={`/posts/new${all ? '' : `?brand=${choice.brandId}`}`}
              >
                New post
              </Button>
            )}
          </>
        }
      />

      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <PostStatusLegend />
          {(posts.isFetching || schedule.isPending) && <Loader size="xs" aria-label="Updating" />}
        </Group>

        {posts.error && (
          <ErrorAlert
            error={posts.error}
            title="Could not load the posts"
            onRetry={() => posts.refetch()}
          />
        )}

        <PostCalendar
          key={zone}
          posts={posts.data ?? []}
          zone={zone}
          showBrand={all}
          canEdit={canEdit}
          onRangeChange={setRange}
          onOpen={(postId) => navigate(`/posts/${postId}`)}
          onMove={move}
          onCreate={
            canEdit && !all
              ? (at) => navigate(`/posts/new?brand=${choice.brandId}&at=${encodeURIComponent(at)}`)
              : undefined
          }
        />

        {posts.data?.length === 0 && !posts.isFetching && (
          <Group gap="xs" justify="center" py="xs">
            <Text size="sm" c="dimmed">
              Nothing is scheduled in these days.
            </Text>
            {canEdit && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconSparkles size={14} />}
                component={Link}
                to={`/compose${all ? '' : `?brand=${choice.brandId}`}`}
              >
                Draft posts with AI
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </>
  );
}

/** The brand's zone; for all brands, theirs when they share one, else the browser's. */
function calendarZone(brandZone: string | undefined, brands: { timezone: string }[]): string {
  if (brandZone) return brandZone;
  const zones = new Set(brands.map((brand) => brand.timezone));
  return zones.size === 1 ? [...zones][0]! : browserTimezone();
}

/** `+02:00`: the zone's offset at that wall-clock time, to turn it into an instant. */
function offsetOf(zone: string, local: string): string {
  return DateTime.fromISO(local, { zone }).toFormat('ZZ');
}
