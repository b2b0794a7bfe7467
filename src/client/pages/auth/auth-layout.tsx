import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface AuthLayoutProps {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
}

/** The centred card that frames sign-in and sign-up. */
export function AuthLayout({ title, subtitle, children }: AuthLayoutProps) {
  return (
    <Box
      mih="100dvh"
      bg="linear-gradient(160deg, var(--mantine-color-pilot-0) 0%, var(--mantine-color-gray-0) 60%)"
    >
      <Center mih="100dvh" p="md">
        <Stack w="100%" maw={420} gap="lg">
          <Group gap="xs" justify="center">
            <ThemeIcon size="lg" radius="md" aria-hidden>
              <IconSend size={18} />
            </ThemeIcon>
            <Text fw={700} size="xl">
              Postpilot
            </Text>
          </Group>
          <Paper withBorder shadow="sm" p="xl" component="main">
            <Title order={1} size="h3" mb={4}>
              {title}
            </Title>
            <Text c="dimmed" size="sm" mb="lg">
              {subtitle}
            </Text>
            {children}
          </Paper>
          <Text c="dimmed" size="xs" ta="center">
            Plan, draft and publish posts for every brand you run.
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
