import { Badge, Group, type BadgeProps } from '@mantine/core';
import type { PostStatus } from '../../common/post-schemas';
import { STATUS_COLORS } from '../theme';

export const STATUS_LABELS: Record<PostStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  needs_review: 'Needs review',
};

/** The status colour as CSS, for places outside Mantine such as calendar chips. */
export function statusCssColor(status: PostStatus, shade = 6): string {
  return `var(--mantine-color-${STATUS_COLORS[status] ?? 'gray'}-${shade})`;
}

/** A post's status, in the colour it wears everywhere. */
export function PostStatusBadge({ status, ...props }: { status: PostStatus } & BadgeProps) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" {...props}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** Which colour means what, for grids that only show colour. */
export function PostStatusLegend() {
  return (
    <Group gap={6} aria-label="Status colours" role="list">
      {(Object.keys(STATUS_LABELS) as PostStatus[]).map((status) => (
        <Badge key={status} color={STATUS_COLORS[status]} variant="dot" size="sm" role="listitem">
          {STATUS_LABELS[status]}
        </Badge>
      ))}
    </Group>
  );
}
