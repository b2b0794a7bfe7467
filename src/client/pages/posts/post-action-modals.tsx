import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PLATFORM_LABELS } from '../../../common/platforms';
import type { PostDetails } from './post-form';

interface ConfirmDeleteModalProps {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
}

export function ConfirmDeleteModal({ opened, onClose, onConfirm }: ConfirmDeleteModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Delete this post?">
      <Text size="sm">
        It leaves the calendar and the list. A post already published stays on Facebook and
        Instagram: delete it there too if it should go.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>
          Keep it
        </Button>
        <Button color="red" onClick={onConfirm}>
          Delete post
        </Button>
      </Group>
    </Modal>
  );
}

interface ResolveReviewModalProps {
  opened: boolean;
  onClose: () => void;
  targets: PostDetails['targets'];
  onResolve: (outcome: 'published' | 'retry', remoteId?: string) => void;
}

/** A person checked the account: the post is live there, or it is not and goes again. */
export function ResolveReviewModal({
  opened,
  onClose,
  targets,
  onResolve,
}: ResolveReviewModalProps) {
  const [remoteId, setRemoteId] = useState('');
  const unsure = targets
    .filter((target) => target.status === 'sending')
    .map((target) => PLATFORM_LABELS[target.platform])
    .join(' and ');

  return (
    <Modal opened={opened} onClose={onClose} title="Did the post go out?" size="lg">
      <Stack>
        <Text size="sm">
          Open {unsure || 'the Page and account'} and look for this post. Postpilot never sends it
          twice on a guess, so it waits for your answer.
        </Text>
        <TextInput
          label="Its id on the platform (optional)"
          description="From the post's address, e.g. 1234567890_987654321"
          value={remoteId}
          onChange={(event) => setRemoteId(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onResolve('retry')}>
            It is not there: send it again
          </Button>
          <Button color="teal" onClick={() => onResolve('published', remoteId.trim() || undefined)}>
            It is live: mark as published
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
