import type { BrandBrain } from '../../common/brand-brain';
import type { Platform } from '../../common/platforms';

/**
 * What every AI provider offers, whoever the vendor. The drafting code talks
 * only to this interface; `openai-provider.ts`, `anthropic-provider.ts` and
 * `sandbox-provider.ts` implement it.
 */
export const PROVIDER_NAMES = ['openai', 'anthropic', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  sandbox: 'The sample writer',
};

export interface PromptMessages {
  system: string;
  user: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface DraftVariant {
  text: string;
  hashtags?: string[];
}

/** One call's limits: when to give up waiting for the answer to start, and for all of it. */
export interface CallLimits {
  /** Milliseconds until the first token (streaming) or the whole answer (not streaming). */
  firstTokenMs: number;
  /** Absolute `Date.now()` by which the call must be over. */
  deadline: number;
  /** Aborted when the person stops waiting. */
  signal?: AbortSignal;
}

/** What the prompt was built from; only the sample writer reads it, real models get `messages`. */
export interface CallContext {
  brain: BrandBrain;
  brandName: string;
  platform: Platform;
  brief: string;
}

export interface DraftCall {
  messages: PromptMessages;
  variants: number;
  limits: CallLimits;
  context: CallContext;
}

export interface TextCall {
  messages: PromptMessages;
  limits: CallLimits;
  context: CallContext & { text: string; instruction: string };
}

interface Answer {
  model: string;
  usage: TokenUsage;
  finishReason: string;
}

export interface DraftAnswer extends Answer {
  /** The raw JSON text, parsed by `parseDraftOutput`. */
  output: string;
}

export interface TextAnswer extends Answer {
  text: string;
}

/** What `stream` yields: pieces of the raw output, then one `end`. */
export type StreamChunk = { type: 'text'; text: string } | ({ type: 'end' } & Answer);

export interface AiProvider {
  readonly name: ProviderName;
  readonly model: string;
  /** Asks for `variants` drafts as JSON matching `DRAFT_OUTPUT_SCHEMA`. */
  draft(call: DraftCall): Promise<DraftAnswer>;
  /** Like `draft`, yielding the JSON text as it is written. */
  stream(call: DraftCall): AsyncIterable<StreamChunk>;
  /** Plain text out: the rewritten post and nothing else. */
  rewrite(call: TextCall): Promise<TextAnswer>;
}
