import express, { type Request, type Response, type Router } from 'express';
import { EmulatorState, type ContainerStatus } from './emulator-state';
import { authenticate, type EmulatorRequest, type EmulatorSettings } from './emulator-request';
import { FaultInjector, type EmulatorCall, type FaultRule } from './faults';
import { GraphFailure, graphErrors, paramsOf, parseFields, tokenOf } from './graph-wire';
import { exchangeToken, listAccounts, showLoginDialog, showMe } from './oauth-routes';
import { objectRoutes, type ObjectKind, type RouteTable } from './object-routes';

export interface GraphEmulatorOptions {
  appId?: string;
  appSecret?: string;
  requireProof?: boolean;
  /** Instagram posts per 24 h per account (Meta says 50; read it, don't assume it). */
  quotaTotal?: number;
  /** Status polls before a new container turns FINISHED (0: at once). */
  containerReadyAfterPolls?: number;
  /** A container not published within this time turns EXPIRED (Meta: 24 h). */
  containerTtlMs?: number;
  /** Calls per hour that make `X-App-Usage` read 100 % (then calls are refused with code 4). */
  usageLimitPerHour?: number;
  rejectDuplicateStatus?: boolean;
}

/**
 * A Graph API emulator: an Express router that speaks Meta's wire format for
 * everything Postpilot calls, keeps its world in memory, and lets tests inject
 * faults through `faults` (never over HTTP). It backs the tests and the app's
 * sandbox mode.
 *
 * @example
 *   const emulator = new GraphEmulator({ appId: 'app', appSecret: 'secret' });
 *   app.use('/graph', emulator.router);
 *   const { pageId, pageToken } = emulator.createSandboxPage({ name: 'Bakery', withInstagram: true });
 */
export class GraphEmulator {
  readonly state: EmulatorState;
  readonly faults = new FaultInjector();
  readonly router: Router;
  readonly settings: EmulatorSettings;
  /** Answers the next Login dialogs with `error=access_denied` while true. */
  denyLogin = false;
  private readonly usageLimit: number;
  private callTimes: number[] = [];
  private readonly held = new Set<() => void>();

  constructor(options: GraphEmulatorOptions = {}) {
    this.state = new EmulatorState({
      quotaTotal: options.quotaTotal ?? 50,
      containerReadyAfterPolls: options.containerReadyAfterPolls ?? 0,
      containerTtlMs: options.containerTtlMs ?? 24 * 3_600_000,
    });
    this.settings = {
      appId: options.appId,
      appSecret: options.appSecret,
      requireProof: options.requireProof ?? false,
      rejectDuplicateStatus: options.rejectDuplicateStatus ?? false,
    };
    this.usageLimit = options.usageLimitPerHour ?? 100_000;
    this.router = this.buildRouter();
  }

  /** Seeds a Page managed by the sandbox user; see `EmulatorState.createSandboxPage`. */
  createSandboxPage(input: {
    name: string;
    withInstagram?: boolean;
    instagramUsername?: string;
    ownerId?: string;
  }) {
    return this.state.createSandboxPage(input);
  }

  /** Shortcut for `faults.inject`. */
  inject(rule: FaultRule): number {
    return this.faults.inject(rule);
  }

  /**
   * Forces a container into a state, as if time or Meta's processing had moved
   * it (EXPIRED after 24 h, ERROR with a subcode such as 2207052).
   */
  setContainerStatus(containerId: string, status: ContainerStatus, errorSubcode?: number): void {
    const container = this.state.containers.get(containerId);
    if (!container) throw new Error(`no container ${containerId} in the emulator`);
    container.status = status;
    container.errorSubcode = errorSubcode;
  }

  /** How many times `text` went out on the Page or Instagram account. */
  publishedCount(accountId: string, text: string): number {
    return this.state.published.filter((p) => p.accountId === accountId && p.text === text).length;
  }

  /** Releases every held answer (timeouts), e.g. before closing the server. */
  close(): void {
    for (const release of this.held) release();
    this.held.clear();
  }

  private buildRouter(): Router {
    const router = express.Router();
    router.use(express.urlencoded({ extended: false, limit: '2mb' }));
    router.use(express.json({ limit: '2mb' }));

    router.use((req, _res, next) => {
      req.url = req.url.replace(/^\/v\d+\.\d+(?=\/|$)/, '') || '/';
      next();
    });

    router.get(
      '/dialog/oauth',
      showLoginDialog(this.state, this.settings, { deny: () => this.denyLogin }),
    );
    router.all('/oauth/access_token', (req, res) =>
      this.run(req, res, 'oauth.token', '', exchangeToken),
    );
    router.get('/me/accounts', (req, res) =>
      this.run(req, res, 'pages.list', 'me', (call) =>
        listAccounts(call, tokenOf(req, call.params)),
      ),
    );
    router.get('/me', (req, res) =>
      this.run(req, res, 'object.get', 'me', (call) => showMe(call, tokenOf(req, call.params))),
    );

    const table = objectRoutes();
    const dispatch = (req: Request, res: Response) => {
      const id = String(req.params.id);
      const edge = req.params.edge ? String(req.params.edge) : '';
      const kind = this.kindOf(id);
      const route = kind
        ? table[`${req.method} ${kind}${edge ? `/${edge}` : ''}` as keyof RouteTable]
        : undefined;

      if (!kind || !route) {
        const failure =
          kind && edge
            ? graphErrors.badParam(
                `Tried accessing nonexisting field (${edge}) on node type (${kind})`,
              )
            : graphErrors.unknownObject(id, req.method.toLowerCase());
        return this.run(req, res, 'object.get', id, (call) => {
          authenticate(call, tokenOf(req, call.params));
          throw failure;
        });
      }
      return this.run(req, res, route.call, id, (call) =>
        route.handle(call, authenticate(call, tokenOf(req, call.params))),
      );
    };

    router.get('/:id', dispatch);
    router.post('/:id', dispatch);
    router.delete('/:id', dispatch);
    router.get('/:id/:edge', dispatch);
    router.post('/:id/:edge', dispatch);
    return router;
  }

  private kindOf(id: string): ObjectKind | undefined {
    const { state } = this;
    if (state.pages.has(id)) return 'page';
    if (state.instagram.has(id)) return 'instagram';
    if (state.containers.has(id)) return 'container';
    if (state.posts.has(id)) return 'post';
    if (state.photos.has(id)) return 'photo';
    if (state.media.has(id)) return 'media';
    return undefined;
  }

  /** Applies latency and faults around one handler, then answers in Meta's format. */
  private async run(
    req: Request,
    res: Response,
    name: EmulatorCall,
    id: string,
    handle: (call: EmulatorRequest) => unknown,
  ): Promise<void> {
    const latency = this.faults.latencyMs();
    if (latency > 0) await this.wait(res, latency);

    const params = paramsOf(req);
    const call: EmulatorRequest = {
      req,
      params,
      fields: parseFields(params.fields),
      state: this.state,
      settings: this.settings,
      id,
    };
    const usage = this.countCall();
    const fault = this.faults.take(name);

    try {
      if (usage >= 100) throw throttle(4, 60);
      if (fault?.kind === 'transient') throw transientFailure();
      if (fault?.kind === 'throttled')
        throw throttle(fault.throttleCode ?? 32, fault.regainMinutes ?? 5, id);
      if (fault?.kind === 'token_invalid') throw graphErrors.revokedToken(463);
      if (fault?.kind === 'timeout_before') return await this.hold(res, fault);
      if (fault?.kind === 'spam_block' && !fault.afterEffect) throw spamBlock();

      const answer = await handle(call);

      if (fault?.kind === 'timeout_after') return await this.hold(res, fault, answer);
      if (fault?.kind === 'spam_block') throw spamBlock();

      this.setUsageHeaders(res, usage);
      res.status(200).json(answer);
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      this.setUsageHeaders(res, usage);
      for (const [header, value] of Object.entries(error.headers)) res.setHeader(header, value);
      res.status(error.httpStatus).json(error.toJson());
    }
  }

  /** Holds the answer past the client's timeout; a late answer is still sent if anyone listens. */
  private async hold(res: Response, fault: FaultRule, answer?: unknown): Promise<void> {
    if (fault.destroy) {
      res.socket?.destroy();
      return;
    }

    await this.wait(res, fault.holdMs ?? 60_000);
    if (res.writableEnded || res.destroyed) return;
    if (answer === undefined) res.socket?.destroy();
    else res.status(200).json(answer);
  }

  private wait(res: Response, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.held.add(release);
      res.once('close', release);
    });
  }

  /** Counts the call in the last hour's window and returns the usage percent. */
  private countCall(): number {
    const now = Date.now();
    this.callTimes.push(now);
    if (this.callTimes.length > 1000 && this.callTimes[0]! < now - 3_600_000) {
      this.callTimes = this.callTimes.filter((time) => time >= now - 3_600_000);
    }
    return Math.floor((this.callTimes.length * 100) / this.usageLimit);
  }

  private setUsageHeaders(res: Response, percent: number): void {
    if (res.headersSent) return;
    const figure = Math.min(percent, 100);
    res.setHeader(
      'x-app-usage',
      JSON.stringify({
        call_count: figure,
        total_cputime: Math.floor(figure / 2),
        total_time: Math.floor(figure / 2),
      }),
    );
  }
}

function transientFailure(): GraphFailure {
  return new GraphFailure(500, {
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    code: 2,
    is_transient: true,
  });
}

function throttle(code: number, regainMinutes: number, objectId?: string): GraphFailure {
  const figures = { call_count: 100, total_cputime: 100, total_time: 100 };
  const headers: Record<string, string> = { 'x-app-usage': JSON.stringify(figures) };
  if (objectId) {
    headers['x-business-use-case-usage'] = JSON.stringify({
      [objectId]: [{ type: 'pages', ...figures, estimated_time_to_regain_access: regainMinutes }],
    });
  }

  return new GraphFailure(
    400,
    {
      message:
        code === 4
          ? '(#4) Application request limit reached'
          : `(#${code}) Page request limit reached`,
      type: 'OAuthException',
      code,
      is_transient: false,
    },
    headers,
  );
}

function spamBlock(): GraphFailure {
  return new GraphFailure(400, {
    message: 'Application request limit reached',
    type: 'OAuthException',
    code: 4,
    error_subcode: 2207051,
    error_user_title: 'Action Is Blocked',
    error_user_msg:
      "We restrict certain activity to protect our community. Let us know if you think that we've made a mistake.",
  });
}
