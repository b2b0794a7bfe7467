import { ActionIcon, Alert, Button, Code, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconAlertTriangle } from '@tabler/icons-react';

interface ShownOnceSecretProps {
  title: string;
  /** Accessible name of the field, e.g. "New API token". */
  label: string;
  secret: string;
  onDone: () => void;
}

/** A secret the server returns only once: shown with a copy button and a clear warning. */
export function ShownOnceSecret({ title, label, secret, onDone }: ShownOnceSecretProps) {
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title={title} mb="lg">
      <Text size="sm" mb="xs">
        Copy it now and store it somewhere safe: you won’t see it again.
      </Text>
      <Group gap="xs" wrap="nowrap" mb="sm">
        <Code
          aria-label={label}
          style={{ flex: 1, overflowWrap: 'anywhere', fontSize: 'var(--mantine-font-size-sm)' }}
          p="xs"
        >
          {secret}
        </Code>
        <CopyButton value={secret} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'}>
              <ActionIcon
                variant="light"
                color={copied ? 'teal' : 'gray'}
                size="lg"
                onClick={copy}
                aria-label={copied ? 'Copied' : `Copy ${label.toLowerCase()}`}
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Button size="xs" variant="default" onClick={onDone}>
        I have stored it
      </Button>
    </Alert>
  );
}
