import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../lib/roles';

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: Role;
}

interface WorkspaceContextValue {
  workspace: WorkspaceSummary;
  workspaces: WorkspaceSummary[];
  selectWorkspace: (id: string) => void;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);
const storageKey = 'postpilot.workspace';

function readStoredId(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** Holds which of the user's workspaces is open; remembered across visits. */
export function WorkspaceProvider({
  workspaces,
  children,
}: {
  workspaces: WorkspaceSummary[];
  children: ReactNode;
}) {
  const [selectedId, setSelectedId] = useState(readStoredId);

  const selectWorkspace = useCallback((id: string) => {
    setSelectedId(id);
    try {
      localStorage.setItem(storageKey, id);
    } catch {
      // Private browsing: the choice lasts for this tab only.
    }
  }, []);

  const workspace = workspaces.find((w) => w.id === selectedId) ?? workspaces[0];

  const value = useMemo(
    () => (workspace ? { workspace, workspaces, selectWorkspace } : null),
    [workspace, workspaces, selectWorkspace],
  );

  if (!value) return <>{children}</>;
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/** The open workspace. Only used under the signed-in layout, which always has one. */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace needs a WorkspaceProvider with a workspace');
  return value;
}

/** Like `useWorkspace`, but null when the user has no workspace yet. */
export function useOptionalWorkspace(): WorkspaceContextValue | null {
  return useContext(WorkspaceContext);
}
