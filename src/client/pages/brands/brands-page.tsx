import { Button, Group, SimpleGrid, Switch } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingStore, IconPlus, IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { feedback } from '../../lib/feedback';
import { hasRole } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { trpc } from '../../trpc';
import { BrandCard } from './brand-card';
import { CreateBrandModal } from './create-brand-modal';

export function BrandsPage() {
  const { workspace } = useWorkspace();
  const utils = trpc.useUtils();
  const [showArchived, setShowArchived] = useState(false);
  const [creating, createModal] = useDisclosure(false);
  const canEdit = hasRole(workspace.role, 'editor');

  const brands = trpc.brands.list.useQuery({
    workspaceId: workspace.id,
    includeArchived: showArchived,
  });

  const loadExamples = trpc.brands.loadExamples.useMutation(
    feedback({ success: 'Example brands loaded', then: () => utils.brands.invalidate() }),
  );

  const emptyActions = canEdit && (
    <Group justify="center">
      <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
        Create a brand
      </Button>
      <Button
        variant="light"
        leftSection={<IconWand size={16} />}
        loading={loadExamples.isPending}
        onClick={() => loadExamples.mutate({ workspaceId: workspace.id })}
      >
        Load example brands
      </Button>
    </Group>
  );

  return (
    <>
      <PageHeader
        title="Brands"
        description="Each brand has its own voice, timezone and Facebook Page."
        actions={
          <>
            <Switch
              label="Show archived"
              checked={showArchived}
              onChange={(event) => setShowArchived(event.currentTarget.checked)}
            />
            {canEdit && (
              <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
                New brand
              </Button>
            )}
          </>
        }
      />

      <QueryState
        query={brands}
        errorTitle="Could not load the brands"
        loading={<SkeletonLines count={3} height={120} />}
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState icon={<IconBuildingStore />} title="No brands yet" action={emptyActions}>
            Create your first brand, or load three example brands (one of them a Hungarian coffee
            shop) to try everything with realistic data.
          </EmptyState>
        }
      >
        {(list) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {list.map((brand) => (
              <BrandCard key={brand.id} brand={brand} canEdit={canEdit} />
            ))}
          </SimpleGrid>
        )}
      </QueryState>

      <CreateBrandModal workspaceId={workspace.id} opened={creating} onClose={createModal.close} />
    </>
  );
}
