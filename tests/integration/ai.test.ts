import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fakes/anthropic/fake-anthropic';
import { startFakeOpenAi } from '../fakes/openai/fake-openai';
import { draftsReply } from '../fakes/openai/scripted-server';
import { createApiClient, errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';
import { brandBrainSchema } from '../../src/common/brand-brain';
import { insertBrand } from './ai-support';

const openai = await startFakeOpenAi();
const anthropic = await startFakeAnthropic();
afterAll(async () => {
  await openai.close();
  await anthropic.close();
});

const database = await createTestDatabase();
const providerEnv = {
  OPENAI_API_KEY: openai.apiKey,
  OPENAI_BASE_URL: openai.baseUrl,
  OPENAI_MODEL: 'gpt-test',
  ANTHROPIC_API_KEY: anthropic.apiKey,
  ANTHROPIC_BASE_URL: anthropic.baseUrl,
  ANTHROPIC_MODEL: 'claude-test',
  AI_TIMEOUT_MS: '4000',
};
const server = await startTestServer(database.url, providerEnv);

beforeEach(() => {
  openai.script.reset();
  anthropic.script.reset();
});

const error500 = { kind: 'error' as const, status: 500 };

async function editorWithBrand(brain = {}) {
  const user = await signUpUser(server.url);
  const brandId = await insertBrand(database.db, user.workspaceId, brain);
  return { ...user, brandId };
}

function generationsOf(brandId: string) {
  return database.db
    .selectFrom('ai_generations')
    .selectAll()
    .where('brand_id', '=', brandId)
    .orderBy('created_at')
    .execute();
}

describe('ai.draft', () => {
  it('returns the variants OpenAI wrote, checked, and records the generation', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push(
      draftsReply(['Első', { text: 'Második', hashtags: ['nyár'] }, 'Harmadik'], {
        usage: { input: 321, output: 123 },
      }),
    );

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Nyári menü',
      platform: 'instagram',
      variants: 3,
    });

    expect(result.provider).toBe('openai');
    expect(result.model).toBe('gpt-test');
    expect(result.drafts).toEqual([
      { text: 'Első', warnings: [] },
      { text: 'Második\n\n#nyár', warnings: [] },
      { text: 'Harmadik', warnings: [] },
    ]);

    const [row] = await generationsOf(brandId);
    expect(row).toMatchObject({
      id: result.generationId,
      kind: 'draft',
      brief: 'Nyári menü',
      platform: 'instagram',
      provider: 'openai',
      model: 'gpt-test',
      brain_version: 1,
      prompt_tokens: 321,
      completion_tokens: 123,
      finish_reason: 'stop',
      outcome: 'ok',
    });
    expect(row!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('drafts with a Brand Brain saved a moment ago, also on another process', async () => {
    const { jar, brandId, workspaceId } = await editorWithBrand({
      identity: { description: 'Régi hang' },
    });
    // A second web process on the same database, which has this brand cached.
    const other = await startTestServer(database.url, providerEnv);
    const api = createApiClient(other.url, jar);
    const draft = () =>
      api.ai.draft.mutate({ brandId, brief: 'Tél', platform: 'facebook', variants: 1 });
    openai.script.reset(draftsReply(['Szia']));

    await draft();
    expect(openai.script.requests.at(-1)!.body.messages[0].content).toContain('Régi hang');

    await database.db
      .insertInto('brand_brains')
      .values({
        brand_id: brandId,
        version: 2,
        workspace_id: workspaceId,
        content: JSON.stringify(brandBrainSchema.parse({ identity: { description: 'Új hang' } })),
      })
      .execute();

    const started = Date.now();
    for (;;) {
      await draft();
      const prompt: string = openai.script.requests.at(-1)!.body.messages[0].content;
      if (prompt.includes('Új hang')) break;
      expect(Date.now() - started, 'the new brain reached the other process').toBeLessThan(3_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [, latest] = await generationsOf(brandId).then((rows) => rows.slice(-2));
    expect(latest!.brain_version).toBe(2);
  });

  it('sends the Brand Brain and the brief to the model', async () => {
    const { api, brandId } = await editorWithBrand({ vocabulary: { banned: ['olcsó'] } });

    await api.ai.draft.mutate({ brandId, brief: 'Őszi kávék', platform: 'facebook', variants: 2 });

    const body = openai.script.requests[0]!.body;
    expect(body.messages[0].content).toContain('"olcsó"');
    expect(body.messages[0].content).toContain('Write in Hungarian');
    expect(body.messages[1].content).toContain('Őszi kávék');
  });

  it('falls back to Anthropic when OpenAI keeps answering 500, and says so', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push(error500, error500, error500);
    anthropic.script.push(draftsReply(['Anthropic írta']));

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Menü',
      platform: 'facebook',
      variants: 1,
    });

    expect(result.provider).toBe('anthropic');
    expect(result.model).toBe('claude-test');
    expect(result.drafts[0]!.text).toBe('Anthropic írta');
    expect(openai.script.requests).toHaveLength(3);

    const rows = await generationsOf(brandId);
    expect(rows.map((row) => [row.provider, row.outcome])).toEqual([
      ['openai', 'error'],
      ['openai', 'error'],
      ['openai', 'error'],
      ['anthropic', 'ok'],
    ]);
  });

  it('falls back when OpenAI does not start answering within its share of the budget', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push(draftsReply(['too late'], { firstTokenMs: 10_000 }));
    const started = Date.now();

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Menü',
      platform: 'facebook',
      variants: 1,
    });

    expect(result.provider).toBe('anthropic');
    expect(Date.now() - started).toBeLessThan(4_000);
    const [failed] = await generationsOf(brandId);
    expect(failed!.error).toMatch(/^timeout/);
  });

  it('stops with the key message on a 401 and does not fall back silently', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push({ kind: 'error', status: 401 });

    const error = await errorOf(
      api.ai.draft.mutate({ brandId, brief: 'Menü', platform: 'facebook', variants: 1 }),
    );

    expect(error.message).toBe('OpenAI rejected the API key. Check OPENAI_API_KEY.');
    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect(anthropic.script.requests).toHaveLength(0);
  });

  it('waits out a 429 retry-after that fits the budget and asks OpenAI again', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push({ kind: 'error', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Menü',
      platform: 'facebook',
      variants: 1,
    });

    expect(result.provider).toBe('openai');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(openai.script.requests).toHaveLength(2);
    expect(anthropic.script.requests).toHaveLength(0);
  });

  it('moves on at once when the 429 asks for a wait longer than the budget', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push({ kind: 'error', status: 429, headers: { 'retry-after': '60' } });
    const started = Date.now();

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Menü',
      platform: 'facebook',
      variants: 1,
    });

    expect(result.provider).toBe('anthropic');
    // Far below the 60 s asked for; loose enough for a loaded machine.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(openai.script.requests).toHaveLength(1);
  });

  it('asks again once after malformed JSON, then reports it', async () => {
    const { api, brandId } = await editorWithBrand();
    const garbage = { kind: 'reply' as const, content: 'Sure! Here are your posts: 1. Hello' };
    openai.script.push(garbage, garbage);

    const error = await errorOf(
      api.ai.draft.mutate({ brandId, brief: 'Menü', platform: 'facebook', variants: 1 }),
    );

    expect(error.data?.code).toBe('BAD_GATEWAY');
    expect(error.message).toContain('OpenAI answered twice with text that is not the drafts');
    expect(openai.script.requests).toHaveLength(2);
    expect(anthropic.script.requests).toHaveLength(0);
  });

  it('uses the second answer when only the first was malformed', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push({ kind: 'reply', content: '{"variants": [' }, draftsReply(['Jó lett']));

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Menü',
      platform: 'facebook',
      variants: 1,
    });

    expect(result.drafts[0]!.text).toBe('Jó lett');
    const rows = await generationsOf(brandId);
    expect(rows.map((row) => row.outcome)).toEqual(['error', 'ok']);
    expect(rows[0]!.completion_tokens).toBeGreaterThan(0);
  });

  it('reports an exhausted quota and a content filter with what to do', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push(
      {
        kind: 'error',
        status: 429,
        code: 'insufficient_quota',
        message: 'You exceeded your current quota.',
      },
      { kind: 'reply', content: '', finishReason: 'content_filter' },
    );
    const input = { brandId, brief: 'Menü', platform: 'facebook' as const, variants: 1 };

    const quota = await errorOf(api.ai.draft.mutate(input));
    const filtered = await errorOf(api.ai.draft.mutate(input));

    expect(quota.message).toContain("OpenAI says the account's quota is used up. Add credit");
    expect(filtered.message).toContain('Rephrase the brief');
    expect(filtered.data?.code).toBe('BAD_REQUEST');
    expect(anthropic.script.requests).toHaveLength(0);
  });

  it('keeps the brief when every provider fails', async () => {
    const { api, brandId } = await editorWithBrand();
    openai.script.push(error500, error500, error500);
    anthropic.script.push(
      { kind: 'error', status: 529 },
      { kind: 'error', status: 529 },
      { kind: 'error', status: 529 },
    );

    const error = await errorOf(
      api.ai.draft.mutate({
        brandId,
        brief: 'Ezt ne veszítsük el',
        platform: 'facebook',
        variants: 1,
      }),
    );

    expect(error.data?.code).toBe('BAD_GATEWAY');
    expect(error.message).toContain('Anthropic is overloaded (HTTP 529)');
    const rows = await generationsOf(brandId);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(
      rows.every((row) => row.brief === 'Ezt ne veszítsük el' && row.outcome === 'error'),
    ).toBe(true);
  });
});

describe('the repair round', () => {
  it('fixes a banned word with one repair call that names it', async () => {
    const { api, brandId } = await editorWithBrand({ vocabulary: { banned: ['olcsó'] } });
    openai.script.push(
      draftsReply(['OLCSÓ kávé mindenkinek', 'Finom kávé']),
      draftsReply(['Kedvező kávé mindenkinek']),
    );

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Kávé',
      platform: 'facebook',
      variants: 2,
    });

    expect(result.drafts).toEqual([
      { text: 'Kedvező kávé mindenkinek', warnings: [] },
      { text: 'Finom kávé', warnings: [] },
    ]);
    const repair = openai.script.requests[1]!.body.messages[1].content;
    expect(repair).toContain('OLCSÓ kávé mindenkinek');
    expect(repair).toContain('Uses the banned word "olcsó"');
    expect(repair).not.toContain('Finom kávé');
    expect((await generationsOf(brandId)).map((row) => row.kind)).toEqual(['draft', 'repair']);
  });

  it('returns what still breaks as warnings after the one repair call', async () => {
    const { api, brandId } = await editorWithBrand({
      vocabulary: { banned: ['olcsó'] },
      style: { emoji: 'none' },
    });
    openai.script.push(draftsReply(['Olcsó kávé ☕']), draftsReply(['Olcsó kávé']));

    const result = await api.ai.draft.mutate({
      brandId,
      brief: 'Kávé',
      platform: 'facebook',
      variants: 1,
    });

    expect(result.drafts[0]!.text).toBe('Olcsó kávé');
    expect(result.drafts[0]!.warnings.map((warning) => warning.rule)).toEqual(['banned_word']);
    expect(openai.script.requests).toHaveLength(2);
  });
});

describe('ai.rewrite, ai.usage and ai.status', () => {
  it('rewrites a post and checks it for the platform it is adapted to', async () => {
    const { api, brandId } = await editorWithBrand({
      style: { hashtags: { alwaysUse: ['kávé'] } },
    });
    openai.script.push({ kind: 'reply', content: 'Rövidebb változat.' });

    const result = await api.ai.rewrite.mutate({
      brandId,
      text: 'Hosszú, nagyon hosszú szöveg.',
      instruction: 'adapt_to_instagram',
    });

    expect(result).toMatchObject({
      provider: 'openai',
      platform: 'instagram',
      text: 'Rövidebb változat.',
    });
    expect(result.warnings.map((warning) => warning.rule)).toEqual(['missing_hashtag']);
    expect(openai.script.requests[0]!.body.response_format).toBeUndefined();
  });

  it('sums tokens and calls per provider and brand; viewers may read it but not draft', async () => {
    const owner = await editorWithBrand();
    const viewer = await signUpUser(server.url);
    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: viewer.email,
      role: 'viewer',
    });
    openai.script.push(error500, draftsReply(['Egy'], { usage: { input: 100, output: 10 } }));
    await owner.api.ai.draft.mutate({
      brandId: owner.brandId,
      brief: 'Menü',
      platform: 'facebook',
      variants: 1,
    });

    const usage = await viewer.api.ai.usage.query({
      workspaceId: owner.workspaceId,
      from: new Date(Date.now() - 60_000),
      to: new Date(Date.now() + 60_000),
    });

    expect(usage.byProvider).toEqual([
      { provider: 'openai', calls: 2, failedCalls: 1, promptTokens: 100, completionTokens: 10 },
    ]);
    expect(usage.byBrand).toEqual([
      expect.objectContaining({
        brandId: owner.brandId,
        brandName: 'Kávé Kft.',
        calls: 2,
        promptTokens: 100,
      }),
    ]);
    const refused = await errorOf(
      viewer.api.ai.draft.mutate({
        brandId: owner.brandId,
        brief: 'Menü',
        platform: 'facebook',
        variants: 1,
      }),
    );
    expect(refused.data?.code).toBe('FORBIDDEN');
  });

  it('tells the composer which providers are configured, in order', async () => {
    const { api, workspaceId } = await editorWithBrand();

    const status = await api.ai.status.query({ workspaceId });

    expect(status.order).toEqual(['openai', 'anthropic']);
    expect(status.sampleOnly).toBe(false);
    expect(status.providers.find((p) => p.name === 'openai')).toMatchObject({
      configured: true,
      active: true,
      model: 'gpt-test',
    });
  });
});

describe('other provider setups', () => {
  it('falls back from Anthropic to OpenAI when Anthropic is overloaded (529)', async () => {
    const reversed = await startTestServer(database.url, {
      ...providerEnv,
      AI_PROVIDERS: 'anthropic,openai',
    });
    const user = await signUpUser(reversed.url);
    const brandId = await insertBrand(database.db, user.workspaceId);
    const overloaded = { kind: 'error' as const, status: 529 };
    anthropic.script.push(overloaded, overloaded, overloaded);

    const result = await user.api.ai.draft.mutate({
      brandId,
      brief: 'Menü',
      platform: 'facebook',
      variants: 1,
    });

    expect(result.provider).toBe('openai');
    expect(anthropic.script.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('drafts sample text with the sample writer when no provider is configured', async () => {
    const sandbox = await startTestServer(database.url);
    const user = await signUpUser(sandbox.url);
    const brandId = await insertBrand(database.db, user.workspaceId, {
      vocabulary: { banned: ['olcsó'], requiredDisclaimers: ['Az ár tájékoztató jellegű.'] },
      style: { emoji: 'none', hashtags: { alwaysUse: ['kávézó'] }, callToAction: 'Gyere be!' },
    });

    const status = await user.api.ai.status.query({ workspaceId: user.workspaceId });
    const result = await user.api.ai.draft.mutate({
      brandId,
      brief: 'Olcsó nyári menü indul hétfőn.',
      platform: 'instagram',
      variants: 2,
    });

    expect(status.sampleOnly).toBe(true);
    expect(result.provider).toBe('sandbox');
    expect(result.drafts).toHaveLength(2);
    for (const draft of result.drafts) {
      expect(draft.warnings).toEqual([]);
      expect(draft.text).toContain('Az ár tájékoztató jellegű.');
    }
  });

  it('says how to configure a provider when AI_PROVIDERS names none that is set up', async () => {
    const none = await startTestServer(database.url, { AI_PROVIDERS: 'anthropic' });
    const user = await signUpUser(none.url);
    const brandId = await insertBrand(database.db, user.workspaceId);

    const error = await errorOf(
      user.api.ai.draft.mutate({ brandId, brief: 'Menü kept', platform: 'facebook', variants: 1 }),
    );

    expect(error.message).toContain(
      'No AI provider is configured. Set OPENAI_API_KEY or ANTHROPIC_API_KEY',
    );
    const rows = await generationsOf(brandId);
    expect(rows.map((row) => [row.brief, row.outcome, row.provider])).toEqual([
      ['Menü kept', 'error', null],
    ]);
  });
});
