import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconBuildingStore,
  IconCalendarEvent,
  IconFlask,
  IconHome,
  IconKey,
  IconList,
  IconSparkles,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link, useLocation } from 'react-router';

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

const sections: { title: string; items: NavItem[] }[] = [
  {
    title: 'Plan',
    items: [
      { to: '/', label: 'Home', icon: IconHome },
      { to: '/calendar', label: 'Calendar', icon: IconCalendarEvent },
      { to: '/posts', label: 'Posts', icon: IconList },
      { to: '/compose', label: 'Composer', icon: IconSparkles },
    ],
  },
  {
    title: 'Workspace',
    items: [
      { to: '/brands', label: 'Brands', icon: IconBuildingStore },
      { to: '/members', label: 'Members', icon: IconUsers },
      { to: '/settings/api-tokens', label: 'API tokens', icon: IconKey },
      { to: '/settings/webhooks', label: 'Webhooks', icon: IconWebhook },
      { to: '/sandbox', label: 'Sandbox', icon: IconFlask },
    ],
  },
];

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The navbar's links, grouped; the current page is marked for screen readers too. */
export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const { pathname } = useLocation();

  return (
    <Stack gap="lg" component="nav" aria-label="Main">
      {sections.map((section) => (
        <div key={section.title}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
            {section.title}
          </Text>
          {section.items.map(({ to, label, icon: Icon }) => {
            const active = isActive(pathname, to);
            return (
              <NavLink
                key={to}
                component={Link}
                to={to}
                label={label}
                active={active}
                aria-current={active ? 'page' : undefined}
                leftSection={<Icon size={18} stroke={1.6} />}
                onClick={onNavigate}
                styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
              />
            );
          })}
        </div>
      ))}
    </Stack>
  );
}
