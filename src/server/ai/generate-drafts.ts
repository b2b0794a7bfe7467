import type { Platform } from '../../common/platforms';
import { checkDraft, type RuleWarning } from '../../common/rule-checks';
import type { AiSetup } from './ai-providers';
import { constructPrompt } from './construct-prompt';
import {
  composeDraftText,
  MalformedOutputError,
  parseDraftOutput,
  VariantStreamer,
} from './draft-output';
import {
  loadBrandContext,
  type BrandContext,
  type BrandContextSources,
} from './load-brand-context';
import { runProviderChain, type ResetEvent } from './provider-chain';
import { ProviderError } from './provider-error';
import { coalesce } from './coalesce';
import type {
  AiProvider,
  CallLimits,
  DraftAnswer,
  DraftCall,
  ProviderName,
  StreamChunk,
} from './provider';
import { recordFailure, recordSuccess, type GenerationSubject } from './record-generation';
import { repairDrafts } from './repair-drafts';
import { noProviderConfigured } from './failure-messages';

/**
 * Drafting, from brief to checked drafts: build the prompt from the Brand
 * Brain, run it through the provider chain (streaming or not), parse the
 * variants, check each against the brand's rules, give the ones that break a
 * rule one repair round, and record every call.
 */
export interface AiDeps extends BrandContextSources {
  ai: AiSetup;
}

export interface DraftRequest {
  workspaceId: string;
  brandId: string;
  userId: string | null;
  brief: string;
  platform: Platform;
  variants: number;
}

export interface CheckedDraft {
  text: string;
  warnings: RuleWarning[];
}

export interface DraftResult {
  provider: ProviderName;
  model: string;
  drafts: CheckedDraft[];
  generationId: string;
}

export type DraftStreamEvent =
  { type: 'delta'; variant: number; text: string } | ResetEvent | ({ type: 'done' } & DraftResult);

/** Drafts without streaming. */
export async function draftPosts(
  deps: AiDeps,
  request: DraftRequest,
  signal?: AbortSignal,
): Promise<DraftResult> {
  const events = generateDrafts(deps, request, { stream: false, signal });
  for await (const event of events) {
    if (event.type === 'done') {
      const { type: _, ...result } = event;
      return result;
    }
  }
  throw new Error('drafting ended without a result');
}

/**
 * Yields the drafts' text as it is written (`delta`), a `reset` if a failed
 * attempt's text must be dropped, then `done` with the checked drafts.
 */
export async function* generateDrafts(
  deps: AiDeps,
  request: DraftRequest,
  options: { stream: boolean; signal?: AbortSignal },
): AsyncGenerator<DraftStreamEvent> {
  const deadline = Date.now() + deps.ai.timeoutMs;
  const brand = await loadBrandContext(deps, request.workspaceId, request.brandId);
  const subject = subjectOf(request, brand);

  if (deps.ai.providers.length === 0) {
    const error = noProviderConfigured();
    await recordFailure(
      deps.db,
      subject,
      { kind: 'draft', provider: null, model: null, latencyMs: 0 },
      error.message,
    );
    throw error;
  }

  const messages = constructPrompt(brand.brain, request.brief, request.platform, {
    brandName: brand.name,
    language: brand.language,
    variants: request.variants,
  });
  const context = {
    brain: brand.brain,
    brandName: brand.name,
    platform: request.platform,
    brief: request.brief,
  };

  const attempt = async function* (provider: AiProvider, limits: CallLimits) {
    const call: DraftCall = { messages, variants: request.variants, limits, context };
    const startedAt = Date.now();
    const answer = options.stream
      ? yield* streamAnswer(provider, call)
      : await provider.draft(call);
    const variants = parseOrThrow(provider, answer, request.variants);

    const generationId = await recordSuccess(deps.db, subject, {
      kind: 'draft',
      provider: provider.name,
      model: answer.model,
      usage: answer.usage,
      finishReason: answer.finishReason,
      latencyMs: Date.now() - startedAt,
    });
    return { answer, variants, generationId };
  };

  const { provider, result } = yield* runProviderChain(
    {
      providers: deps.ai.providers,
      deadline,
      signal: options.signal,
      onFailure: async (failed, error, latencyMs) => {
        deps.log.warn(
          {
            provider: failed.name,
            reason: error.kind,
            status: error.details.status,
            requestId: error.details.requestId,
          },
          'AI provider call failed',
        );
        await recordFailure(
          deps.db,
          subject,
          {
            kind: 'draft',
            provider: failed.name,
            model: error.details.model ?? failed.model,
            usage: error.details.usage,
            finishReason: error.details.finishReason,
            latencyMs,
          },
          error,
        );
      },
    },
    attempt,
  );

  const checked = result.variants.map((variant) => {
    const text = composeDraftText(variant);
    return { text, warnings: checkDraft(text, request.platform, brand.brain) };
  });

  const drafts = await repairDrafts(deps, {
    provider,
    brand,
    subject,
    platform: request.platform,
    drafts: checked,
    deadline,
    signal: options.signal,
  });

  yield {
    type: 'done',
    provider: provider.name,
    model: result.answer.model,
    drafts,
    generationId: result.generationId,
  };
}

/**
 * Streamed text travels in batches of at most one per this many milliseconds
 * (the first piece at once): see `coalesce`.
 */
const DELTA_WINDOW_MS = 25;

async function* streamAnswer(
  provider: AiProvider,
  call: DraftCall,
): AsyncGenerator<DraftStreamEvent, DraftAnswer> {
  const streamer = new VariantStreamer();
  const chunks = coalesce(provider.stream(call), DELTA_WINDOW_MS, (chunk) => chunk.type === 'end');
  let output = '';

  for await (const batch of chunks) {
    let text = '';
    let end: (StreamChunk & { type: 'end' }) | undefined;
    for (const chunk of batch) {
      if (chunk.type === 'end') end = chunk;
      else text += chunk.text;
    }

    if (text !== '') {
      output += text;
      for (const delta of streamer.push(text)) yield { type: 'delta', ...delta };
    }

    if (end) {
      const { type: _, ...answer } = end;
      return { ...answer, output };
    }
  }

  throw new ProviderError(provider.name, 'connection', 'the stream ended without finishing');
}

function parseOrThrow(provider: AiProvider, answer: DraftAnswer, wanted: number) {
  try {
    return parseDraftOutput(answer.output, wanted);
  } catch (error) {
    if (!(error instanceof MalformedOutputError)) throw error;
    throw new ProviderError(
      provider.name,
      'malformed',
      `${error.message} (finish reason ${answer.finishReason})`,
      { model: answer.model, usage: answer.usage, finishReason: answer.finishReason },
      { cause: error },
    );
  }
}

function subjectOf(request: DraftRequest, brand: BrandContext): GenerationSubject {
  return {
    workspaceId: brand.workspaceId,
    brandId: brand.brandId,
    userId: request.userId,
    brainVersion: brand.brainVersion,
    brief: request.brief,
    platform: request.platform,
  };
}
