import { Modal } from '@mantine/core';
import { useNavigate } from 'react-router';
import { feedback } from '../../lib/feedback';
import { browserTimezone } from '../../lib/timezones';
import { trpc } from '../../trpc';
import { BrandFormFields, useBrandForm, type BrandFormValues } from './brand-form';

/** The brand fields as the API takes them: empty optional fields are left out. */
export function brandInput(values: BrandFormValues) {
  return {
    name: values.name,
    slug: values.slug.trim() || undefined,
    timezone: values.timezone,
    language: values.language,
    website: values.website.trim(),
    defaultTargets: values.defaultTargets,
  };
}

interface CreateBrandModalProps {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
}

export function CreateBrandModal({ workspaceId, opened, onClose }: CreateBrandModalProps) {
  const utils = trpc.useUtils();
  const navigate = useNavigate();

  const form = useBrandForm({
    name: '',
    slug: '',
    timezone: browserTimezone(),
    language: 'en',
    website: '',
    defaultTargets: ['facebook', 'instagram'],
  });

  const create = trpc.brands.create.useMutation(
    feedback({
      form,
      success: (brand) => `Brand “${brand.name}” created`,
      then: async (brand) => {
        await utils.brands.list.invalidate({ workspaceId });
        form.reset();
        onClose();
        navigate(`/brands/${brand.id}/brain`);
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={onClose} title="Create a brand" size="lg">
      <BrandFormFields
        form={form}
        submitLabel="Create brand"
        submitting={create.isPending}
        onSubmit={(values) => create.mutate({ workspaceId, ...brandInput(values) })}
      />
    </Modal>
  );
}
