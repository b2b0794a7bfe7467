import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/shell/app-layout';
import { SignInPage } from './pages/auth/sign-in-page';
import { SignUpPage } from './pages/auth/sign-up-page';
import { BrainEditorPage } from './pages/brain/brain-editor-page';
import { BrainHistoryPage } from './pages/brain/brain-history-page';
import { BrandLayout } from './pages/brands/brand-layout';
import { BrandSettingsPage } from './pages/brands/brand-settings-page';
import { BrandsPage } from './pages/brands/brands-page';
import { ComposerPage } from './pages/composer/composer-page';
import { ConnectionPage } from './pages/connection/connection-page';
import { MembersPage } from './pages/members/members-page';
import { NotFoundPage } from './pages/not-found-page';
import { CalendarPage } from './pages/posts/calendar-page';
import { ImportCsvPage } from './pages/posts/import-csv-page';
import { EditPostPage, NewPostPage } from './pages/posts/post-editor-page';
import { PostsPage } from './pages/posts/posts-page';
import { SandboxPage } from './pages/sandbox/sandbox-page';
import { ApiTokensPage } from './pages/settings/api-tokens-page';
import { WebhooksPage } from './pages/settings/webhooks-page';
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
      { path: 'brands', element: <BrandsPage /> },
      {
        path: 'brands/:brandId',
        element: <BrandLayout />,
        children: [
          { index: true, element: <BrandSettingsPage /> },
          { path: 'brain', element: <BrainEditorPage /> },
          { path: 'history', element: <BrainHistoryPage /> },
          { path: 'connection', element: <ConnectionPage /> },
        ],
      },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'posts', element: <PostsPage /> },
      { path: 'posts/new', element: <NewPostPage /> },
      { path: 'posts/import', element: <ImportCsvPage /> },
      { path: 'posts/:postId', element: <EditPostPage /> },
      { path: 'compose', element: <ComposerPage /> },
      { path: 'sandbox', element: <SandboxPage /> },
      { path: 'settings/api-tokens', element: <ApiTokensPage /> },
      { path: 'settings/webhooks', element: <WebhooksPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
