import {
  ActionIcon,
  Button,
  Group,
  Image,
  Input,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPhotoPlus, IconTrash } from '@tabler/icons-react';
import type { PostForm } from './post-form';

const thumbFallback =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#e9ecef"/></svg>',
  );

/** The post's images in publishing order: address, alt text and a preview of each. */
export function MediaListField({ form, disabled }: { form: PostForm; disabled?: boolean }) {
  const media = form.getValues().media;
  const error = form.errors.media;

  return (
    <Input.Wrapper
      label="Images"
      description="Shown in this order; Instagram makes a carousel of up to 10. Alt text helps people using screen readers."
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {media.length === 0 && (
          <Text size="sm" c="dimmed">
            No images yet. Instagram needs at least one; Facebook can post text alone.
          </Text>
        )}
        {media.map((item, index) => (
          <Paper key={form.key(`media.${index}`)} withBorder p="xs">
            <Group align="flex-start" wrap="nowrap" gap="sm">
              <Image
                src={item.url || thumbFallback}
                fallbackSrc={thumbFallback}
                alt=""
                w={64}
                h={64}
                radius="sm"
                fit="cover"
                style={{ flex: 'none' }}
              />
              <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                <TextInput
                  size="xs"
                  label={`Image ${index + 1} address`}
                  placeholder="https://example.com/photo.jpg"
                  disabled={disabled}
                  {...form.getInputProps(`media.${index}.url`)}
                />
                <TextInput
                  size="xs"
                  label={`Image ${index + 1} alt text`}
                  placeholder="What the image shows"
                  disabled={disabled}
                  {...form.getInputProps(`media.${index}.alt`)}
                />
              </Stack>
              {!disabled && (
                <Stack gap={4}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Move image ${index + 1} up`}
                    disabled={index === 0}
                    onClick={() => form.reorderListItem('media', { from: index, to: index - 1 })}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Move image ${index + 1} down`}
                    disabled={index === media.length - 1}
                    onClick={() => form.reorderListItem('media', { from: index, to: index + 1 })}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove image ${index + 1}`}
                    onClick={() => form.removeListItem('media', index)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Stack>
              )}
            </Group>
          </Paper>
        ))}
        {!disabled && (
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            leftSection={<IconPhotoPlus size={16} />}
            onClick={() => form.insertListItem('media', { url: '', alt: '' })}
          >
            Add image
          </Button>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
