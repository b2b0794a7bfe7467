import { AppError } from '../errors/app-error';
import { GraphError, graphErrorFromBody, type GraphErrorBody } from './graph-errors';
import { buildFetch, noAnswerError, parseBody, resolveUrl, trimSlash } from './graph-request';
import { parseUsageHeaders, type GraphUsage } from './usage-headers';

export { appSecretProof } from './graph-request';

/** One Graph call as the caller may record it (e.g. in `publish_attempts`). */
export interface GraphCallReport {
  call: string;
  httpStatus: number | null;
  errorCode: number | null;
  errorSubcode: number | null;
  errorMessage: string | null;
  durationMs: number;
}

/** Per-call options every client function accepts as its last argument. */
export interface CallOptions {
  onCall?: (report: GraphCallReport) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type GraphParams = Record<string, string | number | boolean | undefined>;

export interface GraphRequest {
  /** A short name for the call (`facebook.feed`), used in reports and errors; never a URL. */
  call: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path after the version, e.g. `/123/feed`. */
  path: string;
  token?: string;
  params?: GraphParams;
  /** Values that must never appear in an error message (secrets sent besides the token). */
  secrets?: string[];
}

export interface GraphClientOptions {
  /** Graph host, e.g. `https://graph.facebook.com`; a function when known only after start. */
  baseUrl: string | (() => string);
  version: string;
  appId?: string;
  appSecret?: string;
  /** Where the Facebook Login dialog lives (`https://www.facebook.com`, or the sandbox). */
  dialogBaseUrl?: string | (() => string);
  timeoutMs?: number;
  onCall?: (report: GraphCallReport) => void;
}

export const loginScopes = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'instagram_basic',
  'instagram_content_publish',
];

export interface GraphPage {
  id: string;
  name: string;
  instagram?: { id: string; username?: string };
}

export interface GraphPageWithToken extends GraphPage {
  accessToken: string;
}

export interface GraphUserToken {
  accessToken: string;
  /** Seconds until it expires, when Meta says. */
  expiresIn?: number;
}

interface RawPage {
  id: string;
  name: string;
  access_token?: string;
  instagram_business_account?: { id: string; username?: string };
}

const pageFields = 'id,name,instagram_business_account{id,username}';

/**
 * Talks to the Graph API over fetch. Every call has a timeout, signs the token
 * with `appsecret_proof` when the app secret is known, parses Meta's error body
 * into a classified `GraphError` and reads the usage headers. Tokens travel
 * only as the `access_token` parameter and are never put in an error, a log
 * line or a report.
 *
 * @example
 *   const graph = new GraphClient({ baseUrl: 'https://graph.facebook.com', version: 'v21.0' });
 *   const page = await graph.getPage('1234', pageToken);
 */
export class GraphClient {
  /** The usage reported by the most recent answer that carried usage headers. */
  lastUsage?: GraphUsage;

  constructor(private readonly options: GraphClientOptions) {}

  get version(): string {
    return this.options.version;
  }

  /** True when an app id and secret are known, so Facebook Login can be offered. */
  get canUseLogin(): boolean {
    return Boolean(this.options.appId && this.options.appSecret);
  }

  /** Sends one call and returns Meta's JSON answer, or throws a GraphError. */
  async request<T>(request: GraphRequest, callOptions: CallOptions = {}): Promise<T> {
    const started = performance.now();
    const secrets = [request.token, this.options.appSecret, ...(request.secrets ?? [])].filter(
      (value): value is string => Boolean(value),
    );

    const report = (httpStatus: number | null, error?: GraphError) => {
      const entry: GraphCallReport = {
        call: request.call,
        httpStatus,
        errorCode: error?.graphCode ?? null,
        errorSubcode: error?.subcode ?? null,
        errorMessage: error ? (error.graphMessage ?? error.message) : null,
        durationMs: Math.round(performance.now() - started),
      };
      this.options.onCall?.(entry);
      callOptions.onCall?.(entry);
    };

    let response: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(
        callOptions.timeoutMs ?? this.options.timeoutMs ?? 20_000,
      );
      const signal = callOptions.signal ? AbortSignal.any([timeout, callOptions.signal]) : timeout;
      const { url, init } = buildFetch(request, this.options);
      response = await fetch(url, { ...init, signal });
      text = await response.text();
    } catch (cause) {
      const error = noAnswerError(request.call, cause, secrets);
      report(null, error);
      throw error;
    }

    const usage = parseUsageHeaders(response.headers);
    if (usage) this.lastUsage = usage;

    const body = parseBody(text);
    const errorBody = body && typeof body === 'object' && 'error' in body ? body.error : undefined;

    if (!response.ok || errorBody || body === undefined) {
      const error = graphErrorFromBody(
        request.call,
        response.status,
        (errorBody as GraphErrorBody | undefined) ?? {},
        { secrets, retryAfterSeconds: usage?.regainAccessSeconds },
      );
      report(response.status, error);
      throw error;
    }

    report(response.status);
    return body as T;
  }

  /**
   * Reads a Page and its linked Instagram business account.
   *
   * @example
   *   await graph.getPage('1234', pageToken) // { id: '1234', name: 'Bakery', instagram: {...} }
   */
  async getPage(pageId: string, token: string, options?: CallOptions): Promise<GraphPage> {
    const page = await this.request<RawPage>(
      {
        call: 'page.get',
        method: 'GET',
        path: `/${encodeURIComponent(pageId)}`,
        token,
        params: { fields: pageFields },
      },
      options,
    );
    return toPage(page);
  }

  /** Exchanges the `code` from the Login redirect for a (short-lived) user token. */
  async exchangeCode(
    code: string,
    redirectUri: string,
    options?: CallOptions,
  ): Promise<GraphUserToken> {
    const answer = await this.request<{ access_token: string; expires_in?: number }>(
      {
        call: 'oauth.code',
        method: 'GET',
        path: '/oauth/access_token',
        params: {
          client_id: this.requireApp().appId,
          client_secret: this.requireApp().appSecret,
          redirect_uri: redirectUri,
          code,
        },
        secrets: [code],
      },
      options,
    );
    return { accessToken: answer.access_token, expiresIn: answer.expires_in };
  }

  /** Exchanges a short-lived user token for a long-lived one (about 60 days). */
  async exchangeForLongLivedToken(
    shortToken: string,
    options?: CallOptions,
  ): Promise<GraphUserToken> {
    const answer = await this.request<{ access_token: string; expires_in?: number }>(
      {
        call: 'oauth.exchange',
        method: 'GET',
        path: '/oauth/access_token',
        params: {
          grant_type: 'fb_exchange_token',
          client_id: this.requireApp().appId,
          client_secret: this.requireApp().appSecret,
          fb_exchange_token: shortToken,
        },
        secrets: [shortToken],
      },
      options,
    );
    return { accessToken: answer.access_token, expiresIn: answer.expires_in };
  }

  /** The Pages the user manages, each with its Page token (follows paging). */
  async listPages(userToken: string, options?: CallOptions): Promise<GraphPageWithToken[]> {
    const pages: GraphPageWithToken[] = [];
    let after: string | undefined;

    for (let round = 0; round < 20; round++) {
      const answer = await this.request<{
        data: RawPage[];
        paging?: { cursors?: { after?: string }; next?: string };
      }>(
        {
          call: 'pages.list',
          method: 'GET',
          path: '/me/accounts',
          token: userToken,
          params: {
            fields: `id,name,access_token,${pageFields.slice('id,name,'.length)}`,
            limit: 100,
            after,
          },
        },
        options,
      );

      for (const page of answer.data) {
        if (page.access_token) pages.push({ ...toPage(page), accessToken: page.access_token });
      }

      after = answer.paging?.cursors?.after;
      if (!answer.paging?.next || !after) break;
    }

    return pages;
  }

  /**
   * The Facebook Login dialog address to send the browser to.
   *
   * @example
   *   graph.buildLoginDialogUrl({ redirectUri: 'https://app/oauth/facebook', state: 'x1' })
   */
  buildLoginDialogUrl(input: { redirectUri: string; state: string; scopes?: string[] }): string {
    const base = resolveUrl(this.options.dialogBaseUrl ?? 'https://www.facebook.com');
    const url = new URL(`${trimSlash(base)}/${this.options.version}/dialog/oauth`);
    url.searchParams.set('client_id', this.requireApp().appId);
    url.searchParams.set('redirect_uri', input.redirectUri);
    url.searchParams.set('state', input.state);
    url.searchParams.set('scope', (input.scopes ?? loginScopes).join(','));
    url.searchParams.set('response_type', 'code');
    return url.toString();
  }

  private requireApp(): { appId: string; appSecret: string } {
    const { appId, appSecret } = this.options;
    if (!appId || !appSecret) {
      throw new AppError(
        'NOT_CONFIGURED',
        'Facebook Login is not set up on this server. Set META_APP_ID and META_APP_SECRET, or connect the Page with a Page access token.',
      );
    }
    return { appId, appSecret };
  }
}

function toPage(page: RawPage): GraphPage {
  const instagram = page.instagram_business_account;
  return {
    id: page.id,
    name: page.name,
    ...(instagram && { instagram: { id: instagram.id, username: instagram.username } }),
  };
}
