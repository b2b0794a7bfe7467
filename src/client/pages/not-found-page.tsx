import { Button } from '@mantine/core';
import { IconMapPinOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';

export function NotFoundPage() {
  return (
    <EmptyState
      icon={<IconMapPinOff />}
      title="This page does not exist"
      action={
        <Button component={Link} to="/">
          Go to the workspace home
        </Button>
      }
    >
      The link may be old, or the item was deleted or moved to another workspace.
    </EmptyState>
  );
}
