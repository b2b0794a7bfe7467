import {
  AppShell,
  Burger,
  Center,
  Group,
  Loader,
  ScrollArea,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSend } from '@tabler/icons-react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { NoWorkspacePage } from '../../pages/workspaces/no-workspace-page';
import { WorkspaceProvider } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { ErrorAlert } from '../error-alert';
import { NavLinks } from './nav-links';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

/** Every signed-in page: header with the workspace switcher, navbar, and the page. */
export function AppLayout() {
  const me = trpc.auth.me.useQuery();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);

  if (me.isPending) {
    return (
      <Center mih="100dvh" aria-busy="true">
        <Loader aria-label="Loading Postpilot" />
      </Center>
    );
  }

  if (me.error) {
    return (
      <Center mih="100dvh" p="md">
        <ErrorAlert
          error={me.error}
          title="Postpilot is not answering"
          onRetry={() => me.refetch()}
        />
      </Center>
    );
  }

  if (!me.data) {
    const next = location.pathname + location.search;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }

  const { user, workspaces } = me.data;
  if (workspaces.length === 0) return <NoWorkspacePage user={user} />;

  return (
    <WorkspaceProvider workspaces={workspaces}>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
              />
              <Group
                renderRoot={(props) => <Link to="/" aria-label="Postpilot home" {...props} />}
                gap={6}
                visibleFrom="xs"
                style={{ textDecoration: 'none' }}
                wrap="nowrap"
              >
                <ThemeIcon radius="md" aria-hidden>
                  <IconSend size={16} />
                </ThemeIcon>
                <Text fw={700} c="var(--mantine-color-text)">
                  Postpilot
                </Text>
              </Group>
              <WorkspaceSwitcher />
            </Group>
            <UserMenu user={user} />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm">
          <AppShell.Section grow component={ScrollArea}>
            <NavLinks onNavigate={nav.close} />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main bg="var(--mantine-color-gray-0)">
          <div style={{ maxWidth: 1200, margin: '0 auto' }}>
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
    </WorkspaceProvider>
  );
}
