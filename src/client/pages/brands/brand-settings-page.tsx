import { Button, Card } from '@mantine/core';
import { IconArchive, IconRestore } from '@tabler/icons-react';
import { feedback } from '../../lib/feedback';
import { trpc } from '../../trpc';
import { BrandFormFields, useBrandForm } from './brand-form';
import { useBrand } from './brand-layout';
import { brandInput } from './create-brand-modal';

export function BrandSettingsPage() {
  const { brand, canEdit } = useBrand();
  const utils = trpc.useUtils();
  const refresh = () => utils.brands.invalidate();

  const form = useBrandForm({
    name: brand.name,
    slug: brand.slug,
    timezone: brand.timezone,
    language: brand.language,
    website: brand.website ?? '',
    defaultTargets: brand.defaultTargets,
  });

  const update = trpc.brands.update.useMutation(
    feedback({ form, success: 'Brand settings saved', then: refresh }),
  );
  const archive = trpc.brands.archive.useMutation(
    feedback({ success: `${brand.name} archived`, then: refresh }),
  );
  const restore = trpc.brands.restore.useMutation(
    feedback({ success: `${brand.name} restored`, then: refresh }),
  );

  const archiveButton = brand.archivedAt ? (
    <Button
      variant="default"
      leftSection={<IconRestore size={16} />}
      loading={restore.isPending}
      onClick={() => restore.mutate({ brandId: brand.id })}
    >
      Restore brand
    </Button>
  ) : (
    <Button
      variant="subtle"
      color="red"
      leftSection={<IconArchive size={16} />}
      loading={archive.isPending}
      onClick={() => archive.mutate({ brandId: brand.id })}
    >
      Archive brand
    </Button>
  );

  return (
    <Card padding="lg" maw={720}>
      <BrandFormFields
        form={form}
        submitLabel="Save settings"
        submitting={update.isPending}
        disabled={!canEdit}
        onSubmit={(values) => update.mutate({ brandId: brand.id, ...brandInput(values) })}
        extraActions={canEdit && archiveButton}
      />
    </Card>
  );
}
