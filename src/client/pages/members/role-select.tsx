import { Select, type SelectProps } from '@mantine/core';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from '../../lib/roles';

const roles: Role[] = ['owner', 'editor', 'viewer'];

export const ROLE_OPTIONS = roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** A role picker that says what each role may do. */
export function RoleSelect(props: Omit<SelectProps, 'data'>) {
  return (
    <Select
      data={ROLE_OPTIONS}
      allowDeselect={false}
      renderOption={({ option }) => (
        <div>
          <div>{option.label}</div>
          <div style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>
            {ROLE_DESCRIPTIONS[option.value as Role]}
          </div>
        </div>
      )}
      {...props}
    />
  );
}
