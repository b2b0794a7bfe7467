import type { MemberRole } from '../../../db/types';

const rank: Record<MemberRole, number> = { viewer: 1, editor: 2, owner: 3 };

export function roleAtLeast(role: MemberRole, minimum: MemberRole): boolean {
  return rank[role] >= rank[minimum];
}

/** The weaker of two roles: an API token never exceeds its creator. */
export function weakerRole(a: MemberRole, b: MemberRole): MemberRole {
  return rank[a] <= rank[b] ? a : b;
}
