import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fakes/anthropic/fake-anthropic';
import { startFakeOpenAi } from '../fakes/openai/fake-openai';
import { draftsReply } from '../fakes/openai/scripted-server';
import { createStreamingApiClient, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';
import { collectDraftStream, insertBrand } from './ai-support';

const openai = await startFakeOpenAi();
const anthropic = await startFakeAnthropic();
afterAll(async () => {
  await openai.close();
  await anthropic.close();
});

const database = await createTestDatabase();
const server = await startTestServer(database.url, {
  OPENAI_API_KEY: openai.apiKey,
  OPENAI_BASE_URL: openai.baseUrl,
  ANTHROPIC_API_KEY: anthropic.apiKey,
  ANTHROPIC_BASE_URL: anthropic.baseUrl,
  AI_TIMEOUT_MS: '4000',
});

beforeEach(() => {
  openai.script.reset();
  anthropic.script.reset();
});

async function streamingEditor(brain = {}) {
  const user = await signUpUser(server.url);
  const brandId = await insertBrand(database.db, user.workspaceId, brain);
  return { client: createStreamingApiClient(server.url, user.jar), brandId };
}

function textsFrom(events: any[]): string[] {
  const texts: string[] = [];
  for (const event of events) {
    if (event.type === 'reset') texts.length = 0;
    if (event.type === 'delta') texts[event.variant] = (texts[event.variant] ?? '') + event.text;
  }
  return texts;
}

describe('ai.draftStream over server-sent events', () => {
  it('delivers the text in pieces as it is written, then done with the checked drafts', async () => {
    const { client, brandId } = await streamingEditor();
    openai.script.push(
      draftsReply(['Első változat, ékezetekkel: őű 🎉', { text: 'Második', hashtags: ['nyár'] }], {
        // Slower than the server's 25 ms delta window, so pieces stay pieces.
        chunkChars: 4,
        chunkMs: 30,
      }),
    );

    const { events, error } = await collectDraftStream(client, {
      brandId,
      brief: 'Nyár',
      platform: 'instagram',
      variants: 2,
    });

    expect(error).toBeUndefined();
    const deltas = events.filter((event) => event.type === 'delta');
    expect(deltas.length).toBeGreaterThan(5);
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      provider: 'openai',
      drafts: [
        { text: 'Első változat, ékezetekkel: őű 🎉', warnings: [] },
        { text: 'Második\n\n#nyár', warnings: [] },
      ],
    });
    expect(textsFrom(events)).toEqual(['Első változat, ékezetekkel: őű 🎉', 'Második']);
    expect(openai.script.requests[0]!.body.stream).toBe(true);
  });

  it('streams from Anthropic after OpenAI fails, telling the client which one answered', async () => {
    const { client, brandId } = await streamingEditor();
    const unavailable = { kind: 'error' as const, status: 503 };
    openai.script.push(unavailable, unavailable, unavailable);
    anthropic.script.push(draftsReply(['Anthropic streamelte'], { chunkChars: 3 }));

    const { events } = await collectDraftStream(client, {
      brandId,
      brief: 'Nyár',
      platform: 'facebook',
      variants: 1,
    });

    expect(events.at(-1)).toMatchObject({ type: 'done', provider: 'anthropic' });
    expect(textsFrom(events)).toEqual(['Anthropic streamelte']);
  });

  it('drops streamed text with a reset when a stream breaks and is asked again', async () => {
    const { client, brandId } = await streamingEditor();
    openai.script.push(
      { kind: 'reply', content: '{"variants":[{"text":"Félbe', chunkChars: 5 },
      draftsReply(['Egész'], { chunkChars: 2 }),
    );

    const { events } = await collectDraftStream(client, {
      brandId,
      brief: 'Nyár',
      platform: 'facebook',
      variants: 1,
    });

    expect(events.some((event) => event.type === 'reset')).toBe(true);
    expect(textsFrom(events)).toEqual(['Egész']);
    expect(events.at(-1)).toMatchObject({ type: 'done', drafts: [{ text: 'Egész' }] });
  });

  it('ends with the error a person can act on when the key is rejected', async () => {
    const { client, brandId } = await streamingEditor();
    openai.script.push({ kind: 'error', status: 401 });

    const { events, error } = await collectDraftStream(client, {
      brandId,
      brief: 'Nyár',
      platform: 'facebook',
      variants: 1,
    });

    expect(events).toEqual([]);
    expect(error?.message).toBe('OpenAI rejected the API key. Check OPENAI_API_KEY.');
    expect(anthropic.script.requests).toHaveLength(0);
  });

  it('applies the repair round before done, after the original text streamed', async () => {
    const { client, brandId } = await streamingEditor({ vocabulary: { banned: ['olcsó'] } });
    openai.script.push(draftsReply(['Olcsó kávé']), draftsReply(['Kedvező kávé']));

    const { events } = await collectDraftStream(client, {
      brandId,
      brief: 'Kávé',
      platform: 'facebook',
      variants: 1,
    });

    expect(textsFrom(events)).toEqual(['Olcsó kávé']);
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      drafts: [{ text: 'Kedvező kávé', warnings: [] }],
    });
  });
});
