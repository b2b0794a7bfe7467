import { Alert, Button, Card, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { IconBrandInstagram } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { QueryState } from '../../components/query-state';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';

interface FacebookPagePickerProps {
  brandId: string;
  onDone: () => unknown;
}

/** After Facebook Login: choose which of the user's Pages this brand publishes to. */
export function FacebookPagePicker({ brandId, onDone }: FacebookPagePickerProps) {
  const pages = trpc.connections.facebookPages.useQuery({ brandId }, { retry: false });
  const [chosen, setChosen] = useState<string | null>(null);

  const pick = trpc.connections.pickFacebookPage.useMutation(
    feedback({ success: (connection) => `Connected to ${connection.pageName}`, then: onDone }),
  );

  return (
    <Card padding="lg" mb="lg">
      <Title order={2} size="h4" mb="sm">
        Choose the Facebook Page
      </Title>
      <QueryState query={pages} errorTitle="Facebook Login did not finish">
        {({ pages: list, error }) =>
          error ? (
            <Alert color="red" title="Facebook Login did not finish" role="alert">
              {error}
            </Alert>
          ) : list.length === 0 ? (
            <EmptyState icon={<IconBrandInstagram />} title="No Pages found">
              Facebook listed no Pages you manage. Check that you granted access to the Page, then
              connect again.
            </EmptyState>
          ) : (
            <Stack>
              <Radio.Group value={chosen} onChange={setChosen} label="Pages you manage">
                <Stack mt="xs">
                  {list.map((page) => (
                    <Radio
                      key={page.id}
                      value={page.id}
                      label={page.name}
                      description={
                        page.instagram
                          ? `Instagram: @${page.instagram.username ?? page.instagram.id}`
                          : 'No Instagram business account linked'
                      }
                    />
                  ))}
                </Stack>
              </Radio.Group>
              <Group>
                <Button
                  disabled={!chosen}
                  loading={pick.isPending}
                  onClick={() => chosen && pick.mutate({ brandId, pageId: chosen })}
                >
                  Connect this Page
                </Button>
                <Text size="xs" c="dimmed">
                  The choice expires 10 minutes after you signed in with Facebook.
                </Text>
              </Group>
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}
