import { Badge } from '@mantine/core';

type ConnectionStatus = 'active' | 'needs_reconnect' | null | undefined;

const looks: Record<string, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Connected' },
  needs_reconnect: { color: 'orange', label: 'Needs reconnect' },
  none: { color: 'gray', label: 'Not connected' },
};

/** A brand's Facebook/Instagram connection at a glance. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const look = looks[status ?? 'none']!;
  return (
    <Badge color={look.color} variant="light">
      {look.label}
    </Badge>
  );
}
