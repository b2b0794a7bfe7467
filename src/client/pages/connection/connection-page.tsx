import { Alert, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import {
  IconBrandFacebook,
  IconPlugConnected,
  IconPlugConnectedX,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatTime } from '../../lib/format-time';
import { ConnectionBadge } from '../../components/connection-badge';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { feedback } from '../../lib/feedback';
import { trpc, type RouterOutputs } from '../../trpc';
import { useBrand } from '../brands/brand-layout';
import { FacebookPagePicker } from './facebook-page-picker';
import { ManualConnectForm } from './manual-connect-form';
import { SandboxConnect } from './sandbox-connect';

type ConnectionState = RouterOutputs['connections']['get'];

export function ConnectionPage() {
  const { brand } = useBrand();
  const connection = trpc.connections.get.useQuery({ brandId: brand.id });
  const [params, setParams] = useSearchParams();
  const utils = trpc.useUtils();

  const refresh = async () => {
    setParams({}, { replace: true });
    await Promise.all([
      utils.connections.get.invalidate({ brandId: brand.id }),
      utils.brands.invalidate(),
    ]);
  };

  return (
    <>
      {params.get('pick') === '1' && <FacebookPagePicker brandId={brand.id} onDone={refresh} />}
      <QueryState
        query={connection}
        errorTitle="Could not load the connection"
        loading={<SkeletonLines count={2} height={120} />}
      >
        {(state) => <ConnectionPanel brandId={brand.id} state={state} onChanged={refresh} />}
      </QueryState>
    </>
  );
}

interface PanelProps {
  brandId: string;
  state: ConnectionState;
  onChanged: () => unknown;
}

function ConnectionPanel({ brandId, state, onChanged }: PanelProps) {
  const { canEdit } = useBrand();
  const { connection } = state;
  const [reconnecting, setReconnecting] = useState(false);

  const disconnect = trpc.connections.disconnect.useMutation(
    feedback({ success: 'Disconnected', then: onChanged }),
  );

  const showConnect =
    canEdit && (!connection || reconnecting || connection.status === 'needs_reconnect');

  return (
    <Stack>
      <Card padding="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} size="h4">
              Facebook and Instagram
            </Title>
            {connection ? (
              <>
                <Text size="sm">
                  Page <b>{connection.pageName}</b> ({connection.pageId})
                </Text>
                <Text size="sm" c="dimmed">
                  {connection.instagram
                    ? `Instagram @${connection.instagram.username ?? connection.instagram.id}`
                    : 'No Instagram business account is linked to this Page.'}
                </Text>
                <Text size="xs" c="dimmed">
                  Last verified {formatTime(connection.verifiedAt)}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                Not connected. Posts for this brand cannot be scheduled until a Facebook Page is
                connected.
              </Text>
            )}
          </Stack>
          <ConnectionBadge status={connection?.status} />
        </Group>

        {connection?.status === 'needs_reconnect' && (
          <Alert color="orange" mt="md" title="Reconnect needed" role="alert">
            {connection.statusReason ?? 'Facebook no longer accepts the saved token.'} Publishing to
            this brand is paused until you reconnect.
          </Alert>
        )}

        {canEdit && connection && (
          <Group mt="md">
            {connection.status === 'active' && !reconnecting && (
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                onClick={() => setReconnecting(true)}
              >
                Reconnect
              </Button>
            )}
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconPlugConnectedX size={16} />}
              loading={disconnect.isPending}
              onClick={() => disconnect.mutate({ brandId })}
            >
              Disconnect
            </Button>
          </Group>
        )}
      </Card>

      {showConnect && (
        <ConnectOptions
          brandId={brandId}
          facebookLogin={state.facebookLoginAvailable}
          onConnected={() => {
            setReconnecting(false);
            return onChanged();
          }}
        />
      )}
    </Stack>
  );
}

interface ConnectOptionsProps {
  brandId: string;
  facebookLogin: boolean;
  onConnected: () => unknown;
}

function ConnectOptions({ brandId, facebookLogin, onConnected }: ConnectOptionsProps) {
  const login = trpc.connections.facebookLoginUrl.useMutation(
    feedback({ then: ({ url }) => window.location.assign(url) }),
  );

  return (
    <Card padding="lg">
      <Title order={2} size="h4" mb="sm">
        Connect a Facebook Page
      </Title>
      {facebookLogin ? (
        <Button
          leftSection={<IconBrandFacebook size={18} />}
          color="blue"
          loading={login.isPending}
          onClick={() => login.mutate({ brandId })}
          w="fit-content"
        >
          Connect with Facebook
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          <IconPlugConnected size={14} /> Connecting with Facebook needs META_APP_ID and
          META_APP_SECRET on the server. You can still connect with a Page access token below.
        </Text>
      )}
      <Divider my="lg" />
      <SandboxConnect brandId={brandId} onConnected={onConnected} />
      <Divider my="lg" label="or connect manually" labelPosition="center" />
      <ManualConnectForm brandId={brandId} onConnected={onConnected} />
    </Card>
  );
}
