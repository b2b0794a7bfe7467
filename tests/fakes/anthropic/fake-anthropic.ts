import type { ServerResponse } from 'node:http';
import {
  chunkText,
  draftsReply,
  listenOnFreePort,
  pause,
  requestId,
  roughTokens,
  Script,
  type ErrorStep,
  type RecordedRequest,
  type ReplyStep,
} from '../openai/scripted-server';

/**
 * A local server speaking Anthropic's Messages API wire format, streaming
 * (named SSE events) and not, including its error bodies and `request-id`.
 * Accepts the key as `x-api-key` or as a bearer token, as the SDK versions do.
 *
 * @example
 *   const anthropic = await startFakeAnthropic();
 *   anthropic.script.push({ kind: 'error', status: 529 });
 *   // ANTHROPIC_BASE_URL=anthropic.baseUrl, ANTHROPIC_API_KEY=anthropic.apiKey
 */
export interface FakeAnthropic {
  baseUrl: string;
  apiKey: string;
  script: Script;
  close(): Promise<void>;
}

const DEFAULT_ERRORS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  404: { type: 'not_found_error', message: 'model: not found' },
  429: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

export async function startFakeAnthropic(apiKey = 'sk-ant-test-fake'): Promise<FakeAnthropic> {
  const script = new Script(draftsReply(['A sample draft from the fake Anthropic server.']));

  const server = await listenOnFreePort(async (req, res, body) => {
    const id = requestId('req_');
    res.setHeader('request-id', id);

    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') {
      return sendError(res, id, { kind: 'error', status: 404, message: `Not found: ${req.url}` });
    }

    const record: RecordedRequest = {
      method: req.method,
      path: req.url,
      headers: req.headers,
      body,
      timings: { receivedAt: performance.now() },
    };
    script.requests.push(record);

    const given = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer /, '');
    if (given !== apiKey) return sendError(res, id, { kind: 'error', status: 401 });
    if (!req.headers['anthropic-version']) {
      return sendError(res, id, {
        kind: 'error',
        status: 400,
        message: 'anthropic-version: header is required',
      });
    }

    const step = script.take();
    if (step.kind === 'error') {
      if (!(await pause(step.firstTokenMs, res))) return;
      return sendError(res, id, step);
    }

    const model = typeof body?.model === 'string' ? body.model : 'claude-sonnet-4-5';
    if (body?.stream) return streamReply(res, step, model, body, record);
    return sendReply(res, step, model, body, record);
  });

  return { baseUrl: server.url, apiKey, script, close: server.close };
}

function sendError(res: ServerResponse, id: string, step: ErrorStep): void {
  const fallback = DEFAULT_ERRORS[step.status] ?? DEFAULT_ERRORS[500]!;
  res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
  res.end(
    JSON.stringify({
      type: 'error',
      error: { type: step.code ?? fallback.type, message: step.message ?? fallback.message },
      request_id: id,
    }),
  );
}

function usageOf(step: ReplyStep, body: any) {
  return {
    input_tokens:
      step.usage?.input ??
      roughTokens(`${body?.system ?? ''}${JSON.stringify(body?.messages ?? '')}`),
    output_tokens: step.usage?.output ?? roughTokens(step.content),
  };
}

async function sendReply(
  res: ServerResponse,
  step: ReplyStep,
  model: string,
  body: any,
  record: RecordedRequest,
) {
  if (!(await pause(step.firstTokenMs, res))) return;
  record.timings.firstTokenAt = record.timings.finishedAt = performance.now();

  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `msg_${requestId('')}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: step.content }],
      stop_reason: step.finishReason ?? 'end_turn',
      stop_sequence: null,
      usage: usageOf(step, body),
    }),
  );
}

async function streamReply(
  res: ServerResponse,
  step: ReplyStep,
  model: string,
  body: any,
  record: RecordedRequest,
) {
  const usage = usageOf(step, body);
  const send = (event: string, data: object) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  send('message_start', {
    message: {
      id: `msg_${requestId('')}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
    },
  });
  send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  send('ping', {});

  if (!(await pause(step.firstTokenMs, res))) return;

  for (const [index, piece] of chunkText(step.content, step.chunkChars).entries()) {
    if (index > 0 && !(await pause(step.chunkMs, res))) return;
    record.timings.firstTokenAt ??= performance.now();
    send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
  }

  send('content_block_stop', { index: 0 });
  send('message_delta', {
    delta: { stop_reason: step.finishReason ?? 'end_turn', stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  send('message_stop', {});
  record.timings.finishedAt = performance.now();
  res.end();
}
