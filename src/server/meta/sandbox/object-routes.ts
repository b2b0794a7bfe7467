import type { SandboxToken } from './emulator-state';
import { requirePage, type EmulatorRequest } from './emulator-request';
import type { EmulatorCall } from './faults';
import { createFeedPost, createPhoto, deletePost, listFeed, showPost } from './facebook-routes';
import { pickFields } from './graph-wire';
import {
  createContainer,
  listMedia,
  publishContainer,
  showContainer,
  showInstagramAccount,
  showMedia,
  showQuota,
} from './instagram-routes';

/** The kinds of object an id in a path can name. */
export type ObjectKind = 'page' | 'instagram' | 'container' | 'post' | 'photo' | 'media';

export interface ObjectRoute {
  call: EmulatorCall;
  handle: (call: EmulatorRequest, token: SandboxToken) => unknown;
}

/** `METHOD kind[/edge]` → route, e.g. `POST page/feed`. */
export type RouteTable = Partial<Record<`${'GET' | 'POST' | 'DELETE'} ${string}`, ObjectRoute>>;

export function objectRoutes(): RouteTable {
  return {
    'GET page': { call: 'page.get', handle: showPage },
    'GET page/feed': { call: 'feed.list', handle: listFeed },
    'GET page/posts': { call: 'feed.list', handle: listFeed },
    'GET page/published_posts': { call: 'feed.list', handle: listFeed },
    'POST page/feed': { call: 'feed.create', handle: createFeedPost },
    'POST page/photos': { call: 'photos.create', handle: createPhoto },
    'GET post': { call: 'object.get', handle: showPost },
    'GET photo': { call: 'object.get', handle: showPost },
    'DELETE post': { call: 'object.delete', handle: deletePost },
    'DELETE photo': { call: 'object.delete', handle: deletePost },
    'GET instagram': { call: 'object.get', handle: showInstagramAccount },
    'POST instagram/media': { call: 'media.create', handle: createContainer },
    'GET instagram/media': { call: 'media.list', handle: listMedia },
    'POST instagram/media_publish': { call: 'media.publish', handle: publishContainer },
    'GET instagram/content_publishing_limit': { call: 'quota.get', handle: showQuota },
    'GET container': { call: 'container.get', handle: showContainer },
    'GET media': { call: 'object.get', handle: showMedia },
  };
}

function showPage(call: EmulatorRequest, token: SandboxToken): unknown {
  requirePage(call, token, call.id);

  const page = call.state.pages.get(call.id)!;
  const instagram = page.instagramId ? call.state.instagram.get(page.instagramId) : undefined;

  return pickFields(
    {
      id: page.id,
      name: page.name,
      link: `https://www.facebook.com/${page.id}`,
      ...(instagram && {
        instagram_business_account: { id: instagram.id, username: instagram.username },
      }),
    },
    call.fields,
    ['id', 'name'],
  );
}
