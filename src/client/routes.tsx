import { Center, Loader } from '@mantine/core';
import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/shell/app-layout';
import { SignInPage } from './pages/auth/sign-in-page';
import { SignUpPage } from './pages/auth/sign-up-page';
import { NotFoundPage } from './pages/not-found-page';
import { WorkspaceHomePage } from './pages/workspaces/workspace-home-page';

/**
 * A page loaded when it is first visited, so the calendar grid, the CSV
 * parser and the diff viewer are not in the bundle every visit downloads.
 *
 * @example
 *   { path: 'calendar', lazy: page(() => import('./pages/posts/calendar-page'), 'CalendarPage') }
 */
function page<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
) {
  return async () => ({ Component: (await load())[name] });
}

const loading = (
  <Center h="100vh" aria-busy="true">
    <Loader aria-label="Loading" />
  </Center>
);

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  {
    path: '/',
    element: <AppLayout />,
    hydrateFallbackElement: loading,
    children: [
      { index: true, element: <WorkspaceHomePage /> },
      { path: 'members', lazy: page(() => import('./pages/members/members-page'), 'MembersPage') },
      { path: 'brands', lazy: page(() => import('./pages/brands/brands-page'), 'BrandsPage') },
      {
        path: 'brands/:brandId',
        lazy: page(() => import('./pages/brands/brand-layout'), 'BrandLayout'),
        children: [
          {
            index: true,
            lazy: page(() => import('./pages/brands/brand-settings-page'), 'BrandSettingsPage'),
          },
          {
            path: 'brain',
            lazy: page(() => import('./pages/brain/brain-editor-page'), 'BrainEditorPage'),
          },
          {
            path: 'history',
            lazy: page(() => import('./pages/brain/brain-history-page'), 'BrainHistoryPage'),
          },
          {
            path: 'connection',
            lazy: page(() => import('./pages/connection/connection-page'), 'ConnectionPage'),
          },
        ],
      },
      { path: 'calendar', lazy: page(() => import('./pages/posts/calendar-page'), 'CalendarPage') },
      { path: 'posts', lazy: page(() => import('./pages/posts/posts-page'), 'PostsPage') },
      {
        path: 'posts/new',
        lazy: page(() => import('./pages/posts/post-editor-page'), 'NewPostPage'),
      },
      {
        path: 'posts/import',
        lazy: page(() => import('./pages/posts/import-csv-page'), 'ImportCsvPage'),
      },
      {
        path: 'posts/:postId',
        lazy: page(() => import('./pages/posts/post-editor-page'), 'EditPostPage'),
      },
      {
        path: 'compose',
        lazy: page(() => import('./pages/composer/composer-page'), 'ComposerPage'),
      },
      { path: 'sandbox', lazy: page(() => import('./pages/sandbox/sandbox-page'), 'SandboxPage') },
      {
        path: 'settings/api-tokens',
        lazy: page(() => import('./pages/settings/api-tokens-page'), 'ApiTokensPage'),
      },
      {
        path: 'settings/webhooks',
        lazy: page(() => import('./pages/settings/webhooks-page'), 'WebhooksPage'),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
