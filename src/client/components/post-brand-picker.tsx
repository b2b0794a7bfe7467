import { Select } from '@mantine/core';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useWorkspace } from '../session/workspace-context';
import { trpc, type RouterOutputs } from '../trpc';

export type BrandOption = RouterOutputs['brands']['list'][number];

export const ALL_BRANDS = 'all';

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private browsing: the choice lasts while the address keeps it.
  }
}

/**
 * Which brand the planning pages (calendar, list, composer, import) look at,
 * kept in the address (`?brand=`) so a link or a reload opens the same view,
 * and remembered for the next page opened without one. Failing both it is
 * every brand when `allowAll`, else the first brand.
 */
export function useBrandChoice({ allowAll = false }: { allowAll?: boolean } = {}) {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const brands = trpc.brands.list.useQuery({ workspaceId: workspace.id });

  const list = brands.data ?? [];
  const storageKey = `postpilot.brand.${workspace.id}`;
  const asked = params.get('brand') ?? readStored(storageKey);
  const known = list.some((brand) => brand.id === asked);
  const brandId =
    asked === ALL_BRANDS && allowAll
      ? ALL_BRANDS
      : known
        ? asked!
        : allowAll
          ? ALL_BRANDS
          : (list[0]?.id ?? null);

  const setBrandId = (id: string) => {
    writeStored(storageKey, id);
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('brand', id);
        return next;
      },
      { replace: true },
    );
  };

  const linked = params.get('brand');
  useEffect(() => {
    if (linked && list.some((item) => item.id === linked)) writeStored(storageKey, linked);
  }, [linked, list, storageKey]);

  const brand = list.find((item) => item.id === brandId) ?? null;
  return { brands, list, brandId, brand, setBrandId };
}

interface BrandPickerProps {
  brands: BrandOption[];
  value: string | null;
  onChange: (brandId: string) => void;
  allowAll?: boolean;
  label?: string;
}

/** Chooses the brand a planning page shows; "All brands" where the page can show them all. */
export function BrandPicker({
  brands,
  value,
  onChange,
  allowAll = false,
  label = 'Brand',
}: BrandPickerProps) {
  const data = [
    ...(allowAll ? [{ value: ALL_BRANDS, label: 'All brands' }] : []),
    ...brands.map((brand) => ({ value: brand.id, label: brand.name })),
  ];

  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      allowDeselect={false}
      searchable={brands.length > 8}
      w={{ base: '100%', xs: 240 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
