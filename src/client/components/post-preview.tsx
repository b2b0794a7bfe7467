import { AspectRatio, Avatar, Box, Card, Group, Image, Spoiler, Stack, Text } from '@mantine/core';
import {
  IconBookmark,
  IconMessageCircle,
  IconHeart,
  IconPhotoOff,
  IconSend,
  IconShare3,
  IconThumbUp,
  IconWorld,
} from '@tabler/icons-react';
import type { Platform } from '../../common/platforms';

interface PostPreviewProps {
  platform: Platform;
  /** The Page name (Facebook) or the username (Instagram); see `useAccountName`. */
  accountName: string;
  caption: string;
  media: Array<{ url: string; alt: string }>;
}

/** Roughly how the post will look in the feed, to judge length and the first lines. */
export function PostPreview(props: PostPreviewProps) {
  return props.platform === 'instagram' ? (
    <InstagramPreview {...props} />
  ) : (
    <FacebookPreview {...props} />
  );
}

/** The first letters of the first two words: "Harbour & Pine" → "HP". */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .flatMap((word) => /[\p{L}\p{N}]/u.exec(word) ?? [])
    .slice(0, 2)
    .join('')
    .toUpperCase();
}

/** Instagram usernames hold only a–z, 0–9, `_` and `.`: "Café Ünő" → "cafe_uno". */
function handleOf(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9_.]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'brand'
  );
}

const captionStyle = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function FacebookPreview({ accountName, caption, media }: PostPreviewProps) {
  const first = media[0];

  return (
    <Card padding={0} shadow="xs" aria-label="Facebook preview" maw={500}>
      <Group gap="sm" p="sm" wrap="nowrap">
        <Avatar color="blue" radius="xl" aria-hidden>
          {initials(accountName)}
        </Avatar>
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {accountName}
          </Text>
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              Just now ·
            </Text>
            <IconWorld size={12} color="var(--mantine-color-dimmed)" aria-hidden />
          </Group>
        </Stack>
      </Group>
      {caption.trim() !== '' && (
        <Spoiler maxHeight={110} showLabel="See more" hideLabel="See less" px="sm" pb="sm">
          <Text size="sm" style={captionStyle}>
            {caption}
          </Text>
        </Spoiler>
      )}
      {first && (
        <Box pos="relative">
          <Image src={first.url} alt={first.alt} fallbackSrc={placeholder} mah={420} fit="cover" />
          {media.length > 1 && <MoreBadge count={media.length - 1} />}
        </Box>
      )}
      <Group justify="space-around" p={6} c="dimmed" style={topBorder} aria-hidden>
        <Group gap={4}>
          <IconThumbUp size={16} /> <Text size="xs">Like</Text>
        </Group>
        <Group gap={4}>
          <IconMessageCircle size={16} /> <Text size="xs">Comment</Text>
        </Group>
        <Group gap={4}>
          <IconShare3 size={16} /> <Text size="xs">Share</Text>
        </Group>
      </Group>
    </Card>
  );
}

function InstagramPreview({ accountName, caption, media }: PostPreviewProps) {
  const first = media[0];
  const handle = handleOf(accountName);

  return (
    <Card padding={0} shadow="xs" aria-label="Instagram preview" maw={420}>
      <Group gap="sm" p="sm" wrap="nowrap">
        <Avatar
          radius="xl"
          size="sm"
          variant="gradient"
          gradient={{ from: 'orange', to: 'grape', deg: 45 }}
          aria-hidden
        >
          {initials(accountName)}
        </Avatar>
        <Text size="sm" fw={600}>
          {handle}
        </Text>
      </Group>
      <AspectRatio ratio={1}>
        {first ? (
          <Box pos="relative">
            <Image src={first.url} alt={first.alt} fallbackSrc={placeholder} h="100%" fit="cover" />
            {media.length > 1 && <MoreBadge count={media.length - 1} />}
          </Box>
        ) : (
          <Stack align="center" justify="center" bg="gray.1" c="dimmed" gap={4}>
            <IconPhotoOff size={28} aria-hidden />
            <Text size="xs">Instagram needs at least one image</Text>
          </Stack>
        )}
      </AspectRatio>
      <Group justify="space-between" px="sm" pt="xs" aria-hidden>
        <Group gap="sm">
          <IconHeart size={20} />
          <IconMessageCircle size={20} />
          <IconSend size={20} />
        </Group>
        <IconBookmark size={20} />
      </Group>
      <Spoiler maxHeight={44} showLabel="more" hideLabel="less" px="sm" py="xs">
        <Text size="sm" style={captionStyle}>
          <b>{handle}</b> {caption}
        </Text>
      </Spoiler>
    </Card>
  );
}

const topBorder = { borderTop: '1px solid var(--mantine-color-gray-3)' };

function MoreBadge({ count }: { count: number }) {
  return (
    <Text
      size="xs"
      fw={600}
      c="white"
      bg="rgba(0,0,0,0.6)"
      px={8}
      py={2}
      style={{ position: 'absolute', top: 8, right: 8, borderRadius: 12 }}
    >
      +{count}
    </Text>
  );
}

// A grey square with a broken-image mark, for addresses that do not load.
const placeholder =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#e9ecef"/><text x="200" y="210" font-family="sans-serif" font-size="20" fill="#868e96" text-anchor="middle">Image not reachable</text></svg>',
  );
