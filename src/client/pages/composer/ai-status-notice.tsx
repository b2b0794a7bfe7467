import { Alert, Code, List, Text } from '@mantine/core';
import { IconInfoCircle, IconRobotOff } from '@tabler/icons-react';
import type { RouterOutputs } from '../../trpc';

type AiStatus = RouterOutputs['ai']['status'];

/** Says when drafts cannot be written, or are only sample text, and how to set up a provider. */
export function AiStatusNotice({ status }: { status: AiStatus }) {
  const setup = status.providers.filter((provider) => !provider.configured);

  if (status.order.length === 0) {
    return (
      <Alert color="orange" icon={<IconRobotOff />} title="No AI provider is configured" mb="lg">
        <Text size="sm">Drafting needs one of these on the server, then a restart:</Text>
        <List size="sm" mt="xs">
          {setup.map((provider) => (
            <List.Item key={provider.name}>
              <b>{provider.label}</b>: <Code>{provider.setup}</Code>
            </List.Item>
          ))}
        </List>
      </Alert>
    );
  }

  if (status.sampleOnly) {
    return (
      <Alert color="grape" icon={<IconInfoCircle />} title="Sample text, not AI" mb="lg">
        <Text size="sm">
          No AI provider is set up, so drafts come from a built-in sample writer: useful to try the
          flow, not to publish. To write with AI, set one of:
        </Text>
        <List size="sm" mt="xs">
          {setup.map((provider) => (
            <List.Item key={provider.name}>
              <b>{provider.label}</b>: <Code>{provider.setup}</Code>
            </List.Item>
          ))}
        </List>
      </Alert>
    );
  }

  return null;
}

/** The provider's name as shown beside a draft. */
export function providerLabel(status: AiStatus | undefined, provider: string, model: string) {
  if (provider === 'sandbox') return 'Sample text, not AI';
  const label = status?.providers.find((p) => p.name === provider)?.label ?? provider;
  return `${label} · ${model}`;
}
