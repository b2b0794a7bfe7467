import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/shell/app-layout';
import { SignInPage } from './pages/auth/sign-in-page';
import { SignUpPage } from './pages/auth/sign-up-page';
import { MembersPage } from './pages/members/members-page';
import { NotFoundPage } from './pages/not-found-page';
import { WorkspaceHomePage } from './pages/workspaces/workspace-home-page';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <WorkspaceHomePage /> },
      { path: 'members', element: <MembersPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
