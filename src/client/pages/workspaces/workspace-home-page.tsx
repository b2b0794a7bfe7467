import {
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingStore,
  IconCalendarEvent,
  IconPlus,
  IconSparkles,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { hasRole, ROLE_LABELS } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { CreateWorkspaceModal } from './create-workspace-modal';
import { RenameWorkspaceForm } from './rename-workspace-form';

interface StepCardProps {
  icon: ReactNode;
  title: string;
  to: string;
  action: string;
  children: ReactNode;
}

function StepCard({ icon, title, to, action, children }: StepCardProps) {
  return (
    <Card padding="lg">
      <Stack gap="sm" h="100%">
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="sm" c="dimmed" style={{ flexGrow: 1 }}>
          {children}
        </Text>
        <Button component={Link} to={to} variant="light" size="xs" w="fit-content">
          {action}
        </Button>
      </Stack>
    </Card>
  );
}

/** The workspace's front page: where to go next, and the workspace's own settings. */
export function WorkspaceHomePage() {
  const { workspace } = useWorkspace();
  const [creating, createModal] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title={workspace.name}
        description={
          <Group gap="xs" component="span">
            <span>Your role here:</span>
            <Badge variant="light" size="sm" component="span">
              {ROLE_LABELS[workspace.role]}
            </Badge>
          </Group>
        }
        actions={
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            Create workspace
          </Button>
        }
      />

      <Title order={2} size="h4" mb="sm">
        Get going
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="xl">
        <StepCard
          icon={<IconBuildingStore size={20} />}
          title="Set up a brand"
          to="/brands"
          action="Open brands"
        >
          Each brand has its own Brand Brain (voice, audience, rules) and its Facebook Page.
        </StepCard>
        <StepCard
          icon={<IconSparkles size={20} />}
          title="Draft with AI"
          to="/compose"
          action="Open composer"
        >
          Write a short brief; get post drafts in the brand’s voice, checked against its rules.
        </StepCard>
        <StepCard
          icon={<IconCalendarEvent size={20} />}
          title="Plan the calendar"
          to="/calendar"
          action="Open calendar"
        >
          See every brand’s posts by week or month and drag them to a new time.
        </StepCard>
        <StepCard
          icon={<IconUsers size={20} />}
          title="Invite your team"
          to="/members"
          action="Open members"
        >
          Owners manage members; editors write; viewers follow along.
        </StepCard>
      </SimpleGrid>

      {hasRole(workspace.role, 'owner') && (
        <Card padding="lg" maw={560}>
          <Title order={2} size="h5" mb="sm">
            Workspace settings
          </Title>
          <RenameWorkspaceForm key={workspace.id + workspace.name} workspace={workspace} />
        </Card>
      )}

      <CreateWorkspaceModal opened={creating} onClose={createModal.close} />
    </>
  );
}
