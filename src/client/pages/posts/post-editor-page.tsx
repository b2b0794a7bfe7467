import { Alert, Anchor, Breadcrumbs, Button, Stack, Text } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Platform } from '../../../common/platforms';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { BrandPicker, useBrandChoice } from '../../components/post-brand-picker';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { hasRole } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { PostEditor } from './post-editor';
import type { PostDetails, PostFormValues } from './post-form';
import { PostHistory } from './post-history';
import { formatInZone, toLocalInput } from './post-time';

/** What another page (the composer) may hand to a new post. */
export interface PostPrefill {
  caption?: string;
  platform?: Platform;
}

function Crumbs({ brandId, current }: { brandId?: string; current: string }) {
  return (
    <Breadcrumbs mb="xs" fz="sm">
      <Anchor component={Link} to={brandId ? `/posts?brand=${brandId}` : '/posts'}>
        Posts
      </Anchor>
      <Text size="sm">{current}</Text>
    </Breadcrumbs>
  );
}

export function NewPostPage() {
  const { workspace } = useWorkspace();
  const choice = useBrandChoice();
  const { search, state } = useLocation();
  const prefill = (state ?? {}) as PostPrefill;
  const at = new URLSearchParams(search).get('at') ?? '';
  const canEdit = hasRole(workspace.role, 'editor');

  if (choice.brands.isPending) return <SkeletonLines count={4} height={120} />;
  if (choice.brands.error) {
    return <ErrorAlert error={choice.brands.error} onRetry={() => choice.brands.refetch()} />;
  }
  if (!choice.brand) {
    return (
      <EmptyState
        icon={<IconBuildingStore />}
        title="Create a brand first"
        action={
          <Button component={Link} to="/brands">
            Open brands
          </Button>
        }
      >
        Every post belongs to a brand: its voice, timezone and Facebook Page.
      </EmptyState>
    );
  }

  const brand = choice.brand;
  const values: PostFormValues = {
    caption: prefill.caption ?? '',
    captions: { facebook: '', instagram: '' },
    media: [],
    targets: brand.defaultTargets.length > 0 ? brand.defaultTargets : ['facebook'],
    at,
  };

  return (
    <>
      <Crumbs brandId={brand.id} current="New post" />
      <PageHeader
        title="New post"
        description={prefill.caption ? 'Started from a draft in the composer.' : undefined}
        actions={<BrandPicker brands={choice.list} value={brand.id} onChange={choice.setBrandId} />}
      />
      {!canEdit && <Alert mb="md">You can read posts here; editors and owners write them.</Alert>}
      <PostEditor
        key={brand.id}
        brand={brand}
        post={null}
        initialValues={values}
        canEdit={canEdit}
      />
    </>
  );
}

export function EditPostPage() {
  const { postId = '' } = useParams();
  // While the publisher works on the post, its state is read again every few seconds.
  const post = trpc.posts.get.useQuery(
    { postId },
    { refetchInterval: (query) => (isInFlight(query.state.data) ? 3_000 : false) },
  );

  return (
    <QueryState
      query={post}
      errorTitle="Could not open this post"
      loading={<SkeletonLines count={4} height={140} />}
    >
      {(data) => <EditPost post={data} onReload={() => post.refetch()} />}
    </QueryState>
  );
}

function EditPost({ post, onReload }: { post: PostDetails; onReload: () => Promise<unknown> }) {
  const { workspace } = useWorkspace();
  const { state } = useLocation();
  const brand = trpc.brands.get.useQuery({ brandId: post.brandId });
  const [reloads, setReloads] = useState(0);
  const canEdit = hasRole(workspace.role, 'editor');
  const fieldErrors = (state as { fieldErrors?: Record<string, string> } | null)?.fieldErrors;

  return (
    <QueryState query={brand} errorTitle="Could not load the post's brand">
      {(brandData) => {
        const values: PostFormValues = {
          caption: post.caption,
          captions: {
            facebook: post.captions.facebook ?? '',
            instagram: post.captions.instagram ?? '',
          },
          media: post.media.map((item) => ({ url: item.url, alt: item.alt ?? '' })),
          targets: post.targets.map((target) => target.platform),
          // A time already passed (a failed or published post) is no suggestion for the next one.
          at:
            post.scheduledAt && post.scheduledAt.getTime() > Date.now()
              ? toLocalInput(post.scheduledAt, brandData.timezone)
              : '',
        };

        return (
          <>
            <Crumbs brandId={brandData.id} current={brandData.name} />
            <PageHeader
              title={post.status === 'published' ? 'Published post' : 'Edit post'}
              description={`${brandData.name} · created ${formatInZone(post.createdAt, brandData.timezone)}`}
            />
            <Stack gap="lg">
              <PostEditor
                key={`${post.id}:${post.status}:${reloads}`}
                brand={brandData}
                post={post}
                initialValues={values}
                initialErrors={reloads === 0 ? fieldErrors : undefined}
                canEdit={canEdit}
                onReload={async () => {
                  await onReload();
                  setReloads((count) => count + 1);
                }}
              />
              <PostHistory
                postId={post.id}
                zone={brandData.timezone}
                version={post.version}
                live={isInFlight(post)}
              />
            </Stack>
          </>
        );
      }}
    </QueryState>
  );
}

/** Scheduled to go out within the minute, or being published. */
function isInFlight(post: PostDetails | undefined): boolean {
  if (!post) return false;
  if (post.status === 'publishing') return true;
  return (
    post.status === 'scheduled' &&
    post.scheduledAt !== null &&
    post.scheduledAt.getTime() < Date.now() + 60_000
  );
}
