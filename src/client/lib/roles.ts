export type Role = 'owner' | 'editor' | 'viewer';

const rank: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** True when `role` is at least `minimum` (viewer < editor < owner). */
export function hasRole(role: Role | undefined, minimum: Role): boolean {
  return role !== undefined && rank[role] >= rank[minimum];
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including members and roles',
  editor: 'Brands, brand brains and posts',
  viewer: 'Can look, cannot change',
};
