import { Anchor, Badge, Breadcrumbs, Group, Tabs, Text } from '@mantine/core';
import { useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { ConnectionBadge } from '../../components/connection-badge';
import { PageHeader } from '../../components/page-header';
import { QueryState, SkeletonLines } from '../../components/query-state';
import { hasRole } from '../../lib/roles';
import { useWorkspace } from '../../session/workspace-context';
import { trpc, type RouterOutputs } from '../../trpc';

export type BrandDetails = RouterOutputs['brands']['get'];

interface BrandContext {
  brand: BrandDetails;
  canEdit: boolean;
}

const tabs = [
  { value: 'settings', label: 'Settings' },
  { value: 'brain', label: 'Brand Brain' },
  { value: 'history', label: 'Versions' },
  { value: 'connection', label: 'Connection' },
];

/** The brand's pages share this frame: its name, status and tabs. */
export function BrandLayout() {
  const { brandId = '' } = useParams();
  const brand = trpc.brands.get.useQuery({ brandId });

  return (
    <QueryState query={brand} errorTitle="Could not open this brand" loading={<SkeletonLines />}>
      {(data) => <BrandFrame brand={data} />}
    </QueryState>
  );
}

function BrandFrame({ brand }: { brand: BrandDetails }) {
  const { workspace, workspaces, selectWorkspace } = useWorkspace();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  // A link to another workspace's brand opens that workspace too.
  useEffect(() => {
    if (brand.workspaceId !== workspace.id && workspaces.some((w) => w.id === brand.workspaceId)) {
      selectWorkspace(brand.workspaceId);
    }
  }, [brand.workspaceId, workspace.id, workspaces, selectWorkspace]);

  const base = `/brands/${brand.id}`;
  const current = pathname.slice(base.length).replace(/^\//, '').split('/')[0] || 'settings';
  const context: BrandContext = { brand, canEdit: hasRole(workspace.role, 'editor') };

  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/brands">
          Brands
        </Anchor>
        <Text size="sm">{brand.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={brand.name}
        description={
          <Group gap="xs" component="span">
            <span>
              {brand.timezone} · {brand.language}
            </span>
            <ConnectionBadge status={brand.connectionStatus} />
            {brand.archivedAt && <Badge color="gray">Archived</Badge>}
          </Group>
        }
      />
      <Tabs
        value={current}
        onChange={(value) => navigate(value && value !== 'settings' ? `${base}/${value}` : base)}
        mb="lg"
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet context={context} />
    </>
  );
}

/** The brand of the page, from `BrandLayout`. */
export function useBrand(): BrandContext {
  return useOutletContext<BrandContext>();
}
