import { Box, Group, ScrollArea, Text } from '@mantine/core';
import { diffLines } from 'diff';
import { useMemo } from 'react';
import { stringify } from 'yaml';

interface Row {
  left: string | null;
  right: string | null;
  kind: 'same' | 'changed';
}

/** Lines of both sides, aligned: removed lines on the left meet added lines on the right. */
function alignRows(before: string, after: string): Row[] {
  const rows: Row[] = [];
  const parts = diffLines(before, after);

  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const lines = part.value.replace(/\n$/, '').split('\n');

    if (!part.added && !part.removed) {
      lines.forEach((line) => rows.push({ left: line, right: line, kind: 'same' }));
      continue;
    }

    const next = parts[index + 1];
    const removed = part.removed ? lines : [];
    const added = part.added ? lines : next?.added ? next.value.replace(/\n$/, '').split('\n') : [];
    if (part.removed && next?.added) index++;

    for (let line = 0; line < Math.max(removed.length, added.length); line++) {
      rows.push({ left: removed[line] ?? null, right: added[line] ?? null, kind: 'changed' });
    }
  }

  return rows;
}

function Cell({
  text,
  side,
  kind,
}: {
  text: string | null;
  side: 'left' | 'right';
  kind: Row['kind'];
}) {
  const changed = kind === 'changed' && text !== null;
  const background = changed
    ? side === 'left'
      ? 'var(--mantine-color-red-1)'
      : 'var(--mantine-color-teal-1)'
    : kind === 'changed'
      ? 'var(--mantine-color-gray-1)'
      : undefined;

  return (
    <Box
      px="xs"
      style={{
        flex: 1,
        minWidth: 0,
        background,
        fontFamily: 'var(--mantine-font-family-monospace)',
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {changed && (
        <span aria-label={side === 'left' ? 'removed' : 'added'}>
          {side === 'left' ? '− ' : '+ '}
        </span>
      )}
      {text ?? ''}
    </Box>
  );
}

interface VersionDiffProps {
  before: { version: number; content: unknown };
  after: { version: number; content: unknown };
}

/** Two Brand Brain versions side by side, as readable YAML, changes highlighted. */
export function VersionDiff({ before, after }: VersionDiffProps) {
  const rows = useMemo(
    () => alignRows(stringify(before.content), stringify(after.content)),
    [before.content, after.content],
  );
  const changes = rows.filter((row) => row.kind === 'changed').length;

  return (
    <Box>
      <Group grow mb={4}>
        <Text fw={600} size="sm">
          Version {before.version}
        </Text>
        <Text fw={600} size="sm">
          Version {after.version}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {changes === 0 ? 'These versions have the same content.' : `${changes} changed lines`}
      </Text>
      <ScrollArea.Autosize mah={560} type="auto">
        <Box style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          {rows.map((row, index) => (
            <Group key={index} gap={0} wrap="nowrap" align="stretch">
              <Cell text={row.left} side="left" kind={row.kind} />
              <Box w={1} bg="var(--mantine-color-gray-3)" />
              <Cell text={row.right} side="right" kind={row.kind} />
            </Group>
          ))}
        </Box>
      </ScrollArea.Autosize>
    </Box>
  );
}
