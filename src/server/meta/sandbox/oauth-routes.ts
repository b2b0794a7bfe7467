import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EmulatorState } from './emulator-state';
import {
  authenticate,
  pageOf,
  type EmulatorRequest,
  type EmulatorSettings,
} from './emulator-request';
import { GraphFailure, graphErrors, paramsOf, pickFields } from './graph-wire';

/**
 * Facebook Login and tokens: the dialog (which grants at once for the
 * sandbox user), the code and long-lived token exchanges, and `/me/accounts`.
 */

const longLivedSeconds = 5_183_944;
const shortLivedSeconds = 5_400;

/**
 * The Login dialog. Instead of asking, it redirects straight back to
 * `redirect_uri` with a fresh code (or with `error=access_denied` when the
 * emulator was told to refuse), so the whole Login flow runs locally.
 */
export function showLoginDialog(
  state: EmulatorState,
  settings: EmulatorSettings,
  options: { deny: () => boolean },
) {
  return (req: Request, res: Response) => {
    const params = paramsOf(req);
    const redirect = parseRedirect(params.redirect_uri);

    if (!redirect) {
      res
        .status(400)
        .type('text/plain')
        .send('redirect_uri is missing or not an absolute http(s) URL.');
      return;
    }
    if (settings.appId && params.client_id !== settings.appId) {
      res.status(400).type('text/plain').send('Invalid App ID: client_id does not match the app.');
      return;
    }

    if (params.state !== undefined) redirect.searchParams.set('state', params.state);

    if (options.deny()) {
      redirect.searchParams.set('error', 'access_denied');
      redirect.searchParams.set('error_reason', 'user_denied');
      redirect.searchParams.set('error_description', 'Permissions error');
      res.redirect(302, redirect.toString());
      return;
    }

    const code = `AQsandbox${randomBytes(24).toString('base64url')}`;
    state.codes.set(code, { userId: state.sandboxUserId, redirectUri: params.redirect_uri! });
    redirect.searchParams.set('code', code);
    res.redirect(302, redirect.toString());
  };
}

/** `/oauth/access_token`: a code for a user token, or a user token for a long-lived one. */
export function exchangeToken(call: EmulatorRequest): unknown {
  const { params, state, settings } = call;
  checkApp(params, settings);

  if (params.grant_type === 'fb_exchange_token') {
    const record = authenticate({ ...call, params: {} }, params.fb_exchange_token);
    if (record.kind !== 'user')
      throw graphErrors.badParam('fb_exchange_token must be a user access token');

    const token = state.issueUserToken(record.userId, true);
    return { access_token: token, token_type: 'bearer', expires_in: longLivedSeconds };
  }

  if (!params.code) throw graphErrors.badParam('Missing authorization code');
  const issued = state.codes.get(params.code);
  if (!issued) {
    throw new GraphFailure(400, {
      message: 'Invalid verification code format.',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36007,
    });
  }
  if (issued.redirectUri !== params.redirect_uri) {
    throw new GraphFailure(400, {
      message:
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36008,
    });
  }

  state.codes.delete(params.code);
  const token = state.issueUserToken(issued.userId, false);
  return { access_token: token, token_type: 'bearer', expires_in: shortLivedSeconds };
}

/** `/me/accounts`: the Pages the user manages, each with its Page token. */
export function listAccounts(call: EmulatorRequest, token: string | undefined): unknown {
  const record = authenticate(call, token);
  if (record.kind !== 'user' || !record.userId) {
    throw graphErrors.badParam('Tried accessing nonexisting field (accounts) on node type (Page)');
  }

  const pageIds = [...(call.state.userPages.get(record.userId) ?? [])];
  const pages = pageIds.map((id) => {
    const page = call.state.pages.get(id)!;
    const instagram = page.instagramId ? call.state.instagram.get(page.instagramId) : undefined;
    return pickFields(
      {
        id: page.id,
        name: page.name,
        access_token: page.token,
        category: 'Local business',
        tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MANAGE'],
        ...(instagram && {
          instagram_business_account: { id: instagram.id, username: instagram.username },
        }),
      },
      call.fields,
      ['id', 'name', 'access_token', 'category', 'tasks'],
    );
  });

  return pageOf(pages, call.params);
}

/** `/me`: the user (or the Page, for a Page token). */
export function showMe(call: EmulatorRequest, token: string | undefined): unknown {
  const record = authenticate(call, token);
  if (record.kind === 'page') {
    const page = call.state.pages.get(record.pageId!)!;
    return pickFields({ id: page.id, name: page.name }, call.fields, ['id', 'name']);
  }
  return pickFields({ id: record.userId, name: 'Sandbox User' }, call.fields, ['id', 'name']);
}

function checkApp(params: Record<string, string>, settings: EmulatorSettings): void {
  if (settings.appId && params.client_id !== settings.appId) {
    throw new GraphFailure(400, {
      message: 'Error validating application. Invalid application ID.',
      type: 'OAuthException',
      code: 101,
    });
  }
  if (settings.appSecret && params.client_secret !== settings.appSecret) {
    throw new GraphFailure(400, {
      message: 'Error validating client secret.',
      type: 'OAuthException',
      code: 100,
    });
  }
}

function parseRedirect(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
