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
} from './scripted-server';

/**
 * A local server speaking OpenAI's Chat Completions wire format, streaming
 * and not, including its error bodies and headers. Tests script the next
 * answers and read the requests it received.
 *
 * @example
 *   const openai = await startFakeOpenAi();
 *   openai.script.push(draftsReply(['Hello']), { kind: 'error', status: 500 });
 *   // OPENAI_BASE_URL=openai.baseUrl, OPENAI_API_KEY=openai.apiKey
 */
export interface FakeOpenAi {
  /** What `OPENAI_BASE_URL` should be. */
  baseUrl: string;
  apiKey: string;
  script: Script;
  close(): Promise<void>;
}

const DEFAULT_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'The model does not exist.',
  },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests. Please try again later.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request.',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

export async function startFakeOpenAi(apiKey = 'sk-test-fake-openai'): Promise<FakeOpenAi> {
  const script = new Script(draftsReply(['A sample draft from the fake OpenAI server.']));

  const server = await listenOnFreePort(async (req, res, body) => {
    const id = requestId('req_');
    res.setHeader('x-request-id', id);
    res.setHeader('openai-processing-ms', '1');
    res.setHeader('x-ratelimit-remaining-requests', '4999');

    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/chat/completions') {
      return sendError(res, {
        kind: 'error',
        status: 404,
        code: 'unknown_url',
        message: `Unknown request URL: ${req.method} ${req.url}.`,
      });
    }

    const record: RecordedRequest = {
      method: req.method,
      path: req.url,
      headers: req.headers,
      body,
      timings: { receivedAt: performance.now() },
    };
    script.requests.push(record);

    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendError(res, { kind: 'error', status: 401 });
    }

    const step = script.take();
    if (step.kind === 'error') {
      if (!(await pause(step.firstTokenMs, res))) return;
      return sendError(res, step);
    }

    const model = typeof body?.model === 'string' ? body.model : 'gpt-4o-mini';
    if (body?.stream) return streamReply(res, step, model, body, record);
    return sendReply(res, step, model, body, record);
  });

  return { baseUrl: `${server.url}/v1`, apiKey, script, close: server.close };
}

function sendError(res: ServerResponse, step: ErrorStep): void {
  const fallback = DEFAULT_ERRORS[step.status] ?? DEFAULT_ERRORS[500]!;
  const code = step.code ?? fallback.code;
  const type = step.code === 'insufficient_quota' ? 'insufficient_quota' : fallback.type;

  res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
  res.end(
    JSON.stringify({
      error: { message: step.message ?? fallback.message, type, param: null, code },
    }),
  );
}

function usageOf(step: ReplyStep, body: any) {
  const prompt = step.usage?.input ?? roughTokens(JSON.stringify(body?.messages ?? ''));
  const completion = step.usage?.output ?? roughTokens(step.content);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
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

  const finishReason = step.finishReason ?? (step.refusal ? 'stop' : 'stop');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${requestId('')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: step.refusal ? null : step.content,
            refusal: step.refusal ?? null,
          },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
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
  const id = `chatcmpl-${requestId('')}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: object, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(body?.stream_options?.include_usage ? { usage: null } : {}),
  });
  const send = (data: object | string) =>
    res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  send(chunk({ role: 'assistant', content: '', refusal: null }));

  if (!(await pause(step.firstTokenMs, res))) return;

  if (step.refusal) {
    send(chunk({ refusal: step.refusal }));
  } else {
    const pieces = chunkText(step.content, step.chunkChars);
    for (const [index, piece] of pieces.entries()) {
      if (index > 0 && !(await pause(step.chunkMs, res))) return;
      record.timings.firstTokenAt ??= performance.now();
      send(chunk({ content: piece }));
    }
  }

  send(chunk({}, step.finishReason ?? 'stop'));
  if (body?.stream_options?.include_usage) {
    send({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [],
      usage: usageOf(step, body),
    });
  }
  send('[DONE]');
  record.timings.finishedAt = performance.now();
  res.end();
}
