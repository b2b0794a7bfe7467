import { Card, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface BrainSectionProps {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}

/** One group of the Brand Brain: a titled card the section menu links to. */
export function BrainSection({ id, title, description, children }: BrainSectionProps) {
  return (
    <Card padding="lg" id={id} component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h4" id={`${id}-title`}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {description}
      </Text>
      <Stack gap="md">{children}</Stack>
    </Card>
  );
}
