import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the fake LLM servers share: a script of next answers a test sets up,
 * a record of the requests they received, and a listener on a free port.
 * Each fake (`fake-openai.ts`, `../anthropic/fake-anthropic.ts`) speaks its
 * own vendor's wire format on top of this.
 */
export interface ReplyStep {
  kind: 'reply';
  /** The model's answer (for drafts, the JSON text). */
  content: string;
  /** In the vendor's words: OpenAI `stop`/`length`/`content_filter`, Anthropic `end_turn`/`refusal`. */
  finishReason?: string;
  /** OpenAI only: the model refused, with this explanation. */
  refusal?: string;
  usage?: { input: number; output: number };
  /** Wait before the first token (streaming) or the whole answer. */
  firstTokenMs?: number;
  /** Wait between streamed chunks. */
  chunkMs?: number;
  /** Characters per streamed chunk. */
  chunkChars?: number;
}

export interface ErrorStep {
  kind: 'error';
  status: number;
  /** OpenAI `code` or Anthropic `error.type`; a sensible default per status when left out. */
  code?: string;
  message?: string;
  headers?: Record<string, string>;
  firstTokenMs?: number;
}

export type Step = ReplyStep | ErrorStep;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  /** `performance.now()` marks, so a benchmark can subtract the fake's own time. */
  timings: { receivedAt: number; firstTokenAt?: number; finishedAt?: number };
}

export class Script {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Step[] = [];

  constructor(public fallback: Step) {}

  /** The next answers, in order; after them the fallback answers. */
  push(...steps: Step[]): void {
    this.queue.push(...steps);
  }

  take(): Step {
    return this.queue.shift() ?? this.fallback;
  }

  /** Forgets queued steps and recorded requests (between tests). */
  reset(fallback?: Step): void {
    this.queue.length = 0;
    this.requests.length = 0;
    if (fallback) this.fallback = fallback;
  }
}

/** A reply step holding drafts as JSON, the way a model answers the draft schema. */
export function draftsReply(
  variants: (string | { text: string; hashtags?: string[] })[],
  options: Omit<ReplyStep, 'kind' | 'content'> = {},
): ReplyStep {
  const list = variants.map((variant) =>
    typeof variant === 'string'
      ? { text: variant, hashtags: [] }
      : { text: variant.text, hashtags: variant.hashtags ?? [] },
  );
  return { kind: 'reply', content: JSON.stringify({ variants: list }), ...options };
}

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on a free local port; `handle` gets the parsed JSON body. */
export async function listenOnFreePort(
  handle: (req: IncomingMessage, res: ServerResponse, body: any) => Promise<void>,
): Promise<FakeServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: any = undefined;
      try {
        body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        body = undefined;
      }
      handle(req, res, body).catch(() => res.destroy());
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Waits, resolving false early if the client hung up meanwhile. */
export function pause(ms: number | undefined, res: ServerResponse): Promise<boolean> {
  if (!ms) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', onClose);
  });
}

/** Splits text into pieces of `size` characters, never inside a surrogate pair. */
export function chunkText(text: string, size = 12): string[] {
  const characters = [...text];
  const pieces: string[] = [];
  for (let index = 0; index < characters.length; index += size) {
    pieces.push(characters.slice(index, index + size).join(''));
  }
  return pieces;
}

export function requestId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** Rough token count, as a stand-in for the vendor's tokenizer. */
export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
