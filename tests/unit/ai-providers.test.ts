import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyBrandBrain } from '../../src/common/brand-brain';
import { createAnthropicProvider } from '../../src/server/ai/anthropic-provider';
import { parseDraftOutput, VariantStreamer } from '../../src/server/ai/draft-output';
import { createOpenAiProvider } from '../../src/server/ai/openai-provider';
import { runQuietChain } from '../../src/server/ai/provider-chain';
import { ProviderError } from '../../src/server/ai/provider-error';
import type { AiProvider, DraftCall, StreamChunk } from '../../src/server/ai/provider';
import { AppError } from '../../src/server/errors/app-error';
import { startFakeAnthropic } from '../fakes/anthropic/fake-anthropic';
import { startFakeOpenAi } from '../fakes/openai/fake-openai';
import { draftsReply } from '../fakes/openai/scripted-server';

const openaiFake = await startFakeOpenAi();
const anthropicFake = await startFakeAnthropic();
afterAll(async () => {
  await openaiFake.close();
  await anthropicFake.close();
});

beforeEach(() => {
  openaiFake.script.reset();
  anthropicFake.script.reset();
});

const openai = createOpenAiProvider({
  apiKey: openaiFake.apiKey,
  baseURL: openaiFake.baseUrl,
  model: 'gpt-test',
  timeoutMs: 5_000,
});
const anthropic = createAnthropicProvider({
  apiKey: anthropicFake.apiKey,
  baseURL: anthropicFake.baseUrl,
  model: 'claude-test',
  timeoutMs: 5_000,
});

function call(variants = 2, firstTokenMs = 2_000): DraftCall {
  return {
    messages: { system: 'Write as the brand.', user: 'Brief: summer menu' },
    variants,
    limits: { firstTokenMs, deadline: Date.now() + 5_000 },
    context: { brain: emptyBrandBrain(), brandName: 'Test', platform: 'facebook', brief: 'summer' },
  };
}

async function collect(stream: AsyncIterable<StreamChunk>) {
  let text = '';
  let end: StreamChunk | undefined;
  for await (const chunk of stream) {
    if (chunk.type === 'text') text += chunk.text;
    else end = chunk;
  }
  return { text, end };
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ProviderError))
    throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

const providers: [string, AiProvider, typeof openaiFake | typeof anthropicFake][] = [
  ['OpenAI', openai, openaiFake],
  ['Anthropic', anthropic, anthropicFake],
];

describe.each(providers)('%s provider against its fake', (_label, provider, fake) => {
  it('parses the variants of a non-streamed answer, with usage', async () => {
    fake.script.push(
      draftsReply(['Első változat 🎉', { text: 'Second', hashtags: ['nyár'] }], {
        usage: { input: 120, output: 80 },
      }),
    );

    const answer = await provider.draft(call());

    expect(parseDraftOutput(answer.output, 2)).toEqual([
      { text: 'Első változat 🎉', hashtags: [] },
      { text: 'Second', hashtags: ['nyár'] },
    ]);
    expect(answer.usage).toEqual({ promptTokens: 120, completionTokens: 80 });
  });

  it('streams the answer in pieces and reports usage at the end', async () => {
    fake.script.push(
      draftsReply(['Ünnepi ajánlat, ékezetekkel: őű', 'Two'], {
        chunkChars: 5,
        usage: { input: 50, output: 30 },
      }),
    );

    const { text, end } = await collect(provider.stream(call()));

    expect(parseDraftOutput(text, 2).map((variant) => variant.text)).toEqual([
      'Ünnepi ajánlat, ékezetekkel: őű',
      'Two',
    ]);
    expect(end).toMatchObject({ type: 'end', usage: { promptTokens: 50, completionTokens: 30 } });
  });

  it('classifies a 401 as a rejected key', async () => {
    fake.script.push({ kind: 'error', status: 401 });
    expect((await failureOf(provider.draft(call()))).kind).toBe('auth');
  });

  it('times out on its own clock when the first token is late, without the SDK default', async () => {
    fake.script.push(draftsReply(['late'], { firstTokenMs: 3_000 }));
    const started = Date.now();

    const error = await failureOf(collect(provider.stream(call(1, 300))));

    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe('what the providers send', () => {
  it('asks OpenAI for strict JSON-schema output and streamed usage', async () => {
    await collect(openai.stream(call(3)));

    const body = openaiFake.script.requests[0]!.body;
    expect(body.model).toBe('gpt-test');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.properties.variants.maxItems).toBe(5);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
  });

  it('sends Anthropic the system prompt separately with its version header', async () => {
    await anthropic.draft(call());

    const request = anthropicFake.script.requests[0]!;
    expect(request.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request.body.system).toBe('Write as the brand.');
    expect(request.body.messages).toEqual([{ role: 'user', content: 'Brief: summer menu' }]);
  });
});

describe('failures a person must act on', () => {
  it('reads OpenAI 429 insufficient_quota as an exhausted quota, not a rate limit', async () => {
    openaiFake.script.push({ kind: 'error', status: 429, code: 'insufficient_quota' });
    expect((await failureOf(openai.draft(call()))).kind).toBe('quota');
  });

  it('reads an OpenAI refusal and an Anthropic refusal as content filtered', async () => {
    openaiFake.script.push({ kind: 'reply', content: '', refusal: 'I cannot help with that.' });
    anthropicFake.script.push({ kind: 'reply', content: '', finishReason: 'refusal' });

    expect((await failureOf(openai.draft(call()))).kind).toBe('content_filter');
    expect((await failureOf(anthropic.draft(call()))).kind).toBe('content_filter');
  });

  it('reads Anthropic 529 as overloaded and keeps its retry-after', async () => {
    anthropicFake.script.push({ kind: 'error', status: 529, headers: { 'retry-after': '2' } });
    const error = await failureOf(anthropic.draft(call()));
    expect(error.kind).toBe('overloaded');
    expect(error.details.retryAfterMs).toBe(2_000);
    expect(error.details.requestId).toMatch(/^req_/);
  });
});

describe('the provider chain', () => {
  const chainOf = (list: AiProvider[], failures: string[] = []) => ({
    providers: list,
    deadline: Date.now() + 5_000,
    onFailure: async (provider: AiProvider, error: ProviderError) => {
      failures.push(`${provider.name}:${error.kind}`);
    },
  });

  it('retries a 500 and then falls back to the next provider', async () => {
    const error500 = { kind: 'error' as const, status: 500 };
    openaiFake.script.push(error500, error500, error500);
    const failures: string[] = [];

    const { provider } = await runQuietChain(chainOf([openai, anthropic], failures), (p, limits) =>
      p.draft({ ...call(), limits }),
    );

    expect(provider.name).toBe('anthropic');
    expect(failures).toEqual(['openai:server', 'openai:server', 'openai:server']);
    expect(openaiFake.script.requests).toHaveLength(3);
  });

  it('stops at a rejected key with the message that names the variable', async () => {
    openaiFake.script.push({ kind: 'error', status: 401 });

    const error = await runQuietChain(chainOf([openai, anthropic]), (p, limits) =>
      p.draft({ ...call(), limits }),
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe('OpenAI rejected the API key. Check OPENAI_API_KEY.');
    expect(anthropicFake.script.requests).toHaveLength(0);
  });
});

describe('VariantStreamer', () => {
  it('emits each variant’s text as the JSON grows, escapes and accents decoded', () => {
    const json = JSON.stringify({
      variants: [
        { text: 'Árvíztűrő "tükörfúrógép"\núj sor', hashtags: ['nyár'] },
        { text: 'Két', hashtags: [] },
      ],
    });
    const streamer = new VariantStreamer();
    const shown = ['', ''];

    for (let index = 0; index < json.length; index += 3) {
      for (const delta of streamer.push(json.slice(index, index + 3))) {
        shown[delta.variant] += delta.text;
      }
    }

    expect(shown).toEqual(['Árvíztűrő "tükörfúrógép"\núj sor', 'Két']);
  });
});
