import { Skeleton, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

interface QueryStateProps<T> {
  query: QueryLike<T>;
  /** Shown while loading; defaults to a few skeleton lines. */
  loading?: ReactNode;
  /** Shown instead of `children` when this returns true for the data. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  errorTitle?: string;
  children: (data: T) => ReactNode;
}

export function SkeletonLines({ count = 3, height = 48 }: { count?: number; height?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, index) => (
        <Skeleton key={index} height={height} radius="md" />
      ))}
    </Stack>
  );
}

/** Loading, error (with retry), empty and loaded states of one query, always the same way. */
export function QueryState<T>({
  query,
  loading,
  isEmpty,
  empty,
  errorTitle,
  children,
}: QueryStateProps<T>) {
  if (query.isPending) return <>{loading ?? <SkeletonLines />}</>;

  if (query.error || query.data === undefined) {
    return <ErrorAlert error={query.error} title={errorTitle} onRetry={() => query.refetch()} />;
  }

  if (isEmpty?.(query.data) && empty) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
