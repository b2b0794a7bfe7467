import { useForm } from '@mantine/form';
import type { Platform } from '../../../common/platforms';
import type { RouterOutputs } from '../../trpc';

export type PostDetails = RouterOutputs['posts']['get'];

export interface PostFormValues {
  caption: string;
  captions: Record<Platform, string>;
  media: Array<{ url: string; alt: string }>;
  targets: Platform[];
  /** The brand's local `YYYY-MM-DDTHH:mm`; empty for none. */
  at: string;
}

export type PostForm = ReturnType<typeof usePostForm>;

export function usePostForm(initialValues: PostFormValues) {
  return useForm<PostFormValues>({
    mode: 'controlled',
    initialValues,
    validate: {
      targets: (targets) => (targets.length === 0 ? 'Choose at least one platform' : null),
      media: {
        url: (url) => (url.trim() === '' ? 'Enter the image address, or remove the image' : null),
      },
    },
  });
}

/** The post's content as `posts.create` and `posts.update` take it. */
export function postContentOf(values: PostFormValues) {
  return {
    caption: values.caption,
    captions: values.captions,
    media: values.media.map((item) => ({ url: item.url.trim(), alt: item.alt.trim() })),
    targets: values.targets,
  };
}

/** The caption `platform` gets: its own when written, else the main one. */
export function captionFor(
  platform: Platform,
  values: Pick<PostFormValues, 'caption' | 'captions'>,
) {
  const own = values.captions[platform];
  return own.trim() !== '' ? own : values.caption;
}
