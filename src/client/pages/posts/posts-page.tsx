import {
  Button,
  Chip,
  Group,
  Image,
  Paper,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import {
  IconBuildingStore,
  IconDownload,
  IconFileImport,
  IconList,
  IconPlus,
  IconSearch,
  IconSparkles,
} from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PLATFORM_LABELS } from '../../../common/platforms';
import { POST_STATUSES, type PostStatus } from '../../../common/post-schemas';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { BrandPicker, useBrandChoice, type BrandOption } from '../../components/post-brand-picker';
import { PostStatusBadge, STATUS_LABELS } from '../../components/post-status-badge';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { hasRole } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { trpc, type RouterOutputs } from '../../trpc';
import { ExportCsvModal } from './export-csv-modal';
import { formatInZone } from './post-time';

type PostPage = RouterOutputs['posts']['list'];
type PostRow = PostPage['posts'][number];

const PAGE_SIZE = 20;

const THUMB_FALLBACK =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="56"><rect width="56" height="56" fill="#e9ecef"/></svg>',
  );

export function PostsPage() {
  const choice = useBrandChoice();

  if (choice.brands.isPending) return <SkeletonLines count={5} height={72} />;
  if (choice.brands.error) {
    return (
      <ErrorAlert
        error={choice.brands.error}
        title="Could not load the brands"
        onRetry={() => choice.brands.refetch()}
      />
    );
  }
  if (!choice.brand) {
    return (
      <>
        <PageHeader title="Posts" />
        <EmptyState
          icon={<IconBuildingStore />}
          title="No brands yet"
          action={
            <Button component={Link} to="/brands">
              Set up a brand
            </Button>
          }
        >
          Posts belong to a brand. Create one (or load the examples) to start writing.
        </EmptyState>
      </>
    );
  }

  return <PostList key={choice.brand.id} choice={choice} brand={choice.brand} />;
}

interface PostListProps {
  choice: ReturnType<typeof useBrandChoice>;
  brand: BrandOption;
}

function PostList({ choice, brand }: PostListProps) {
  const { workspace } = useWorkspace();
  const [statuses, setStatuses] = useState<PostStatus[]>([]);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [exporting, exportModal] = useDisclosure(false);
  const canEdit = hasRole(workspace.role, 'editor');
  const filtered = statuses.length > 0 || debouncedSearch !== '';

  const posts = trpc.posts.list.useInfiniteQuery(
    {
      brandId: brand.id,
      status: statuses.length > 0 ? statuses : undefined,
      search: debouncedSearch || undefined,
      limit: PAGE_SIZE,
    },
    {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    },
  );

  const emptyActions = canEdit && (
    <Group justify="center">
      <Button
        component={Link}
        to={`/posts/new?brand=${brand.id}`}
        leftSection={<IconPlus size={16} />}
      >
        Write a post
      </Button>
      <Button
        variant="light"
        component={Link}
        to={`/compose?brand=${brand.id}`}
        leftSection={<IconSparkles size={16} />}
      >
        Draft with AI
      </Button>
      <Button
        variant="subtle"
        component={Link}
        to={`/posts/import?brand=${brand.id}`}
        leftSection={<IconFileImport size={16} />}
      >
        Import a CSV
      </Button>
    </Group>
  );

  return (
    <>
      <PageHeader
        title="Posts"
        description={`Every post of ${brand.name}, newest first. Times in ${brand.timezone}.`}
        actions={
          <>
            <BrandPicker brands={choice.list} value={brand.id} onChange={choice.setBrandId} />
            <Group gap="xs" mt={{ base: 0, xs: 24 }}>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                onClick={exportModal.open}
              >
                Export
              </Button>
              {canEdit && (
                <Button
                  variant="default"
                  component={Link}
                  to={`/posts/import?brand=${brand.id}`}
                  leftSection={<IconFileImport size={16} />}
                >
                  Import
                </Button>
              )}
              {canEdit && (
                <Button
                  component={Link}
                  to={`/posts/new?brand=${brand.id}`}
                  leftSection={<IconPlus size={16} />}
                >
                  New post
                </Button>
              )}
            </Group>
          </>
        }
      />

      <Stack gap="sm" mb="md">
        <TextInput
          placeholder="Search captions"
          aria-label="Search captions"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={420}
        />
        <Chip.Group
          multiple
          value={statuses}
          onChange={(value) => setStatuses(value as PostStatus[])}
        >
          <Group gap={6} role="group" aria-label="Filter by status">
            {POST_STATUSES.map((status) => (
              <Chip key={status} value={status} size="xs" variant="outline">
                {STATUS_LABELS[status]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>

      <QueryState
        query={{ ...posts, data: posts.data?.pages }}
        errorTitle="Could not load the posts"
        loading={<SkeletonLines count={5} height={72} />}
        isEmpty={(pages) => pages.every((page) => page.posts.length === 0)}
        empty={
          filtered ? (
            <EmptyState icon={<IconSearch />} title="No posts match">
              Try other words, or clear the status filter.
            </EmptyState>
          ) : (
            <EmptyState icon={<IconList />} title="No posts yet" action={emptyActions}>
              Write a post yourself, let the AI draft a few in {brand.name}’s voice, or import a
              spreadsheet of planned posts.
            </EmptyState>
          )
        }
      >
        {(pages) => (
          <Stack gap="xs" aria-busy={posts.isFetching}>
            {pages
              .flatMap((page) => page.posts)
              .map((post) => (
                <PostListRow key={post.id} post={post} zone={brand.timezone} />
              ))}
            {posts.hasNextPage && (
              <Button
                variant="default"
                mx="auto"
                loading={posts.isFetchingNextPage}
                onClick={() => posts.fetchNextPage()}
              >
                Load more
              </Button>
            )}
          </Stack>
        )}
      </QueryState>

      <ExportCsvModal brand={brand} opened={exporting} onClose={exportModal.close} />
    </>
  );
}

function PostListRow({ post, zone }: { post: PostRow; zone: string }) {
  const firstLine = post.excerpt.split('\n')[0]?.trim() || 'No caption';

  return (
    <UnstyledButton
      component={Link}
      to={`/posts/${post.id}`}
      aria-label={`${STATUS_LABELS[post.status]} post: ${firstLine}`}
    >
      <Paper withBorder p="sm" style={{ cursor: 'pointer' }}>
        <Group wrap="nowrap" gap="sm" align="flex-start">
          {post.firstImage ? (
            <Image
              src={post.firstImage}
              fallbackSrc={THUMB_FALLBACK}
              alt=""
              w={56}
              h={56}
              radius="sm"
              fit="cover"
              style={{ flex: 'none' }}
            />
          ) : (
            <Paper w={56} h={56} bg="gray.1" radius="sm" style={{ flex: 'none' }} aria-hidden />
          )}
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {post.excerpt || 'No caption'}
            </Text>
            <Group gap={6}>
              <PostStatusBadge status={post.status} size="sm" />
              <Text size="xs" c="dimmed">
                {post.scheduledAt ? formatInZone(post.scheduledAt, zone) : 'Not scheduled'}
              </Text>
              {post.targets.map((target) => (
                <Text key={target.platform} size="xs" c="dimmed">
                  · {PLATFORM_LABELS[target.platform]}
                </Text>
              ))}
            </Group>
          </Stack>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
