import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  List,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../../../common/platforms';
import { CaptionMeter } from '../../components/caption-meter';
import type { BrandOption } from '../../components/post-brand-picker';
import { PostPreview } from '../../components/post-preview';
import { formErrorsOf, isConflict } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/feedback';
import { useAccountName } from '../../lib/use-account-name';
import { trpc } from '../../trpc';
import { MediaListField } from './media-list-field';
import { checkPost } from './post-checks';
import {
  captionFor,
  postContentOf,
  usePostForm,
  type PostDetails,
  type PostFormValues,
} from './post-form';
import { PostPublishPanel, type PostAction } from './post-publish-panel';
import { formatInZone } from './post-time';

const EDITABLE = ['draft', 'scheduled', 'failed', 'needs_review'];

interface PostEditorProps {
  brand: BrandOption;
  /** Null for a post not saved yet. */
  post: PostDetails | null;
  initialValues: PostFormValues;
  initialErrors?: Record<string, string>;
  canEdit: boolean;
  /** Loads the post as it is on the server, dropping what was typed here. */
  onReload?: () => unknown;
}

/** Writes and schedules one post: captions per platform, images, targets and the time. */
export function PostEditor({
  brand,
  post: opened,
  initialValues,
  initialErrors,
  canEdit,
  onReload,
}: PostEditorProps) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const form = usePostForm(initialValues);
  const [post, setPost] = useState(opened);
  const [busy, setBusy] = useState<PostAction | null>(null);
  const [conflict, setConflict] = useState<unknown>(null);
  const [preview, setPreview] = useState<Platform>(initialValues.targets[0] ?? 'facebook');
  const accountName = useAccountName(brand, preview);
  const [initialErrorsShown, setInitialErrorsShown] = useState(false);
  const savedFirst = useRef<PostDetails | null>(null);

  if (initialErrors && !initialErrorsShown) {
    setInitialErrorsShown(true);
    form.setErrors(initialErrors);
  }

  const brain = trpc.brain.get.useQuery({ brandId: brand.id });
  const create = trpc.posts.create.useMutation();
  const update = trpc.posts.update.useMutation();
  const schedule = trpc.posts.schedule.useMutation();
  const publishNow = trpc.posts.publishNow.useMutation();
  const unschedule = trpc.posts.unschedule.useMutation();
  const duplicate = trpc.posts.duplicate.useMutation();
  const remove = trpc.posts.delete.useMutation();
  const retry = trpc.posts.retry.useMutation();
  const resolve = trpc.posts.resolveReview.useMutation();

  const values = form.getValues();
  const editable = canEdit && (post === null || EDITABLE.includes(post.status));
  const checks = checkPost(values, brain.data?.content);
  const targets = values.targets.length > 0 ? values.targets : [...PLATFORMS];

  const contentChanged = () =>
    JSON.stringify(postContentOf(values)) !==
    JSON.stringify(postContentOf(form.getInitialValues()));

  /** Saves what was typed (creating the post the first time) and returns the saved post. */
  const persist = async (): Promise<PostDetails> => {
    const content = postContentOf(values);
    if (!post) return create.mutateAsync({ brandId: brand.id, ...content });
    if (!contentChanged()) return post;
    return update.mutateAsync({ postId: post.id, version: post.version, ...content });
  };

  const keep = (saved: PostDetails) => {
    utils.posts.get.setData({ postId: saved.id }, saved);
    form.setInitialValues(form.getValues());
    form.resetDirty();
    setPost(saved);
  };

  const settle = async (saved: PostDetails, message: string) => {
    keep(saved);
    notifySuccess(message);
    await utils.posts.invalidate();
  };

  /** `saved` is the post as the action's first step saved it, when that step went through. */
  const fail = (error: unknown, saved: PostDetails | null) => {
    if (isConflict(error)) {
      setConflict(error);
      return;
    }
    const fields = formErrorsOf(error);
    notifyError(
      error,
      saved ? 'Your changes are saved, but the next step failed' : 'That did not work',
    );

    // A new post saved before the next step failed opens as itself, errors kept.
    if (saved && !post) {
      void utils.posts.invalidate();
      navigate(`/posts/${saved.id}`, { replace: true, state: { fieldErrors: fields } });
      return;
    }
    if (saved) keep(saved);
    form.setErrors(fields);
  };

  const run = async (action: PostAction, work: () => Promise<unknown>) => {
    if (form.validate().hasErrors) return;
    setBusy(action);
    setConflict(null);
    savedFirst.current = null;
    try {
      await work();
    } catch (error) {
      fail(error, savedFirst.current);
    } finally {
      setBusy(null);
    }
  };

  const saveFirst = async () => {
    const saved = await persist();
    if (saved !== post) savedFirst.current = saved;
    return saved;
  };

  // Every action first saves what was typed, so nothing on screen is silently dropped.
  const act = (action: PostAction) => {
    const wasNew = post === null;
    const openSaved = async (saved: PostDetails, message: string) => {
      await settle(saved, message);
      if (wasNew) navigate(`/posts/${saved.id}`, { replace: true });
      return saved;
    };

    switch (action) {
      case 'save':
        return run(action, async () =>
          openSaved(await saveFirst(), wasNew ? 'Draft saved' : 'Changes saved'),
        );
      case 'schedule':
        if (values.at.trim() === '') {
          form.setFieldError('at', 'Choose the date and time to publish');
          return;
        }
        return run(action, async () => {
          const saved = await saveFirst();
          const result = await schedule.mutateAsync({
            postId: saved.id,
            version: saved.version,
            at: values.at,
          });
          const when = formatInZone(result.post.scheduledAt!, brand.timezone);
          return openSaved(result.post, `Scheduled for ${when}. ${result.notice ?? ''}`.trim());
        });
      case 'publish':
        return run(action, async () => {
          const saved = await saveFirst();
          const published = await publishNow.mutateAsync({
            postId: saved.id,
            version: saved.version,
          });
          return openSaved(published, 'Publishing now: the status updates in a few seconds');
        });
      case 'unschedule':
        return run(action, async () => {
          const saved = await saveFirst();
          const draft = await unschedule.mutateAsync({ postId: saved.id, version: saved.version });
          return openSaved(draft, 'Unscheduled: the post is a draft again');
        });
      case 'retry':
        return run(action, async () => {
          const saved = await saveFirst();
          const again = await retry.mutateAsync({ postId: saved.id, version: saved.version });
          return openSaved(again, 'Sending again now');
        });
      case 'duplicate':
        return run(action, async () => {
          const saved = await saveFirst();
          const copy = await duplicate.mutateAsync({ postId: saved.id });
          notifySuccess('Copied as a new draft');
          await utils.posts.invalidate();
          navigate(`/posts/${copy.id}`);
          return null;
        });
      case 'delete':
        return run(action, async () => {
          await remove.mutateAsync({ postId: post!.id, version: post!.version });
          notifySuccess('Post deleted');
          await utils.posts.invalidate();
          navigate(`/posts?brand=${brand.id}`, { replace: true });
          return null;
        });
    }
  };

  const resolveReview = (outcome: 'published' | 'retry', remoteId?: string) =>
    run('resolve', async () => {
      const saved = await saveFirst();
      const settled = await resolve.mutateAsync({ postId: saved.id, outcome, remoteId });
      await settle(settled, outcome === 'published' ? 'Marked as published' : 'Sending again now');
      return settled;
    });

  return (
    <Stack gap="lg">
      {conflict !== null && (
        <Alert
          color="orange"
          title="This post changed since you opened it"
          icon={<IconAlertTriangle />}
          role="alert"
        >
          <Text size="sm">
            Someone (or the publisher) changed it in the meantime. Reload to see the latest version;
            what you typed here is discarded.
          </Text>
          <Button
            mt="sm"
            size="xs"
            variant="white"
            color="orange"
            leftSection={<IconRefresh size={14} />}
            onClick={() => onReload?.()}
          >
            Reload the post
          </Button>
        </Alert>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card padding="lg">
              <Title order={2} size="h4" mb="sm">
                Caption
              </Title>
              <Tabs defaultValue="main" keepMounted={false}>
                <Tabs.List mb="sm">
                  <Tabs.Tab value="main">All platforms</Tabs.Tab>
                  {PLATFORMS.map((platform) => (
                    <Tabs.Tab key={platform} value={platform}>
                      {PLATFORM_LABELS[platform]}
                      {values.captions[platform].trim() !== '' ? ' (own)' : ''}
                    </Tabs.Tab>
                  ))}
                </Tabs.List>
                <Tabs.Panel value="main">
                  <Stack gap={6}>
                    <Textarea
                      label="Caption"
                      description="Used on every platform that has no caption of its own"
                      autosize
                      minRows={6}
                      maxRows={18}
                      disabled={!editable}
                      {...form.getInputProps('caption')}
                    />
                    <CaptionMeter text={values.caption} platforms={targets} />
                  </Stack>
                </Tabs.Panel>
                {PLATFORMS.map((platform) => (
                  <Tabs.Panel key={platform} value={platform}>
                    <Stack gap={6}>
                      <Textarea
                        label={`${PLATFORM_LABELS[platform]} caption`}
                        description="Leave empty to use the main caption"
                        placeholder={values.caption}
                        autosize
                        minRows={6}
                        maxRows={18}
                        disabled={!editable}
                        {...form.getInputProps(`captions.${platform}`)}
                      />
                      <CaptionMeter text={captionFor(platform, values)} platforms={[platform]} />
                    </Stack>
                  </Tabs.Panel>
                ))}
              </Tabs>
            </Card>

            <Card padding="lg">
              <MediaListField form={form} disabled={!editable} />
            </Card>

            {checks.length > 0 && (
              <Alert
                color={checks.some((check) => check.kind === 'limit') ? 'red' : 'yellow'}
                variant="light"
                title="Before publishing"
                icon={<IconAlertTriangle />}
                aria-live="polite"
              >
                <List size="sm" spacing={4}>
                  {checks.map((check, index) => (
                    <List.Item key={index}>
                      <b>{PLATFORM_LABELS[check.platform]}:</b> {check.message}
                      {check.kind === 'rule' ? ' (brand rule)' : ''}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <PostPublishPanel
              form={form}
              brand={brand}
              post={post}
              editable={editable}
              canEdit={canEdit}
              busy={busy}
              dirty={post === null || contentChanged()}
              onAction={act}
              onResolve={resolveReview}
            />
            <Card padding="lg">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Preview
                </Title>
                <SegmentedControl
                  size="xs"
                  value={preview}
                  onChange={(value) => setPreview(value as Platform)}
                  data={PLATFORMS.map((platform) => ({
                    value: platform,
                    label: PLATFORM_LABELS[platform],
                  }))}
                  aria-label="Preview platform"
                />
              </Group>
              <PostPreview
                platform={preview}
                accountName={accountName}
                caption={captionFor(preview, values)}
                media={values.media.filter((item) => item.url.trim() !== '')}
              />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
