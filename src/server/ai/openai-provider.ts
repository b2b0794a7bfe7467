import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { CallTimer } from './call-timer';
import { DRAFT_OUTPUT_SCHEMA } from './draft-output';
import { classifySdkError, ProviderError } from './provider-error';
import type {
  AiProvider,
  DraftCall,
  PromptMessages,
  StreamChunk,
  TextCall,
  TokenUsage,
} from './provider';

/**
 * OpenAI, or any server that speaks its Chat Completions API (Ollama, vLLM,
 * LM Studio) at `baseURL`. Drafts use strict structured output, so the JSON
 * always matches the schema. The SDK does not retry: the provider chain
 * decides, because it knows how much of the person's time is left.
 */
export interface OpenAiOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

const TOKENS_PER_VARIANT = 1_000;
const REWRITE_TOKENS = 1_500;

export function createOpenAiProvider(options: OpenAiOptions): AiProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
  });

  const draftBody = (call: DraftCall) => ({
    model: options.model,
    messages: chatMessages(call.messages),
    max_completion_tokens: TOKENS_PER_VARIANT * call.variants + 200,
    response_format: {
      type: 'json_schema' as const,
      json_schema: { name: 'drafts', schema: { ...DRAFT_OUTPUT_SCHEMA }, strict: true },
    },
  });

  const complete = async (body: ChatCompletionCreateParamsBase, call: DraftCall | TextCall) => {
    const timer = new CallTimer('openai', call.limits);
    try {
      const completion = await client.chat.completions.create(
        { ...body, stream: false },
        requestOptions(timer, call),
      );
      const choice = completion.choices[0];
      if (choice?.finish_reason === 'content_filter' || choice?.message.refusal) {
        throw contentFiltered(choice.message.refusal);
      }
      return {
        text: choice?.message.content ?? '',
        model: completion.model,
        usage: usageOf(completion.usage),
        finishReason: choice?.finish_reason ?? 'unknown',
      };
    } catch (error) {
      throw classifySdkError('openai', timer.explain(error));
    } finally {
      timer.dispose();
    }
  };

  return {
    name: 'openai',
    model: options.model,

    async draft(call) {
      const { text, ...answer } = await complete(draftBody(call), call);
      return { ...answer, output: text };
    },

    async *stream(call): AsyncGenerator<StreamChunk> {
      const timer = new CallTimer('openai', call.limits);
      try {
        const stream = await client.chat.completions.create(
          { ...draftBody(call), stream: true, stream_options: { include_usage: true } },
          requestOptions(timer, call),
        );

        let model = options.model;
        let finishReason = 'unknown';
        let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };

        for await (const chunk of stream) {
          model = chunk.model || model;
          if (chunk.usage) usage = usageOf(chunk.usage);

          const choice = chunk.choices[0];
          if (!choice) continue;
          if (choice.delta?.refusal) throw contentFiltered(choice.delta.refusal);
          if (choice.finish_reason) finishReason = choice.finish_reason;

          const text = choice.delta?.content;
          if (text) {
            timer.started();
            yield { type: 'text', text };
          }
        }

        // The SDK ends an aborted stream quietly; a cut-short answer is a failure.
        if (timer.signal.aborted) throw new Error('the stream was aborted');
        if (finishReason === 'content_filter') throw contentFiltered(null);
        yield { type: 'end', model, usage, finishReason };
      } catch (error) {
        throw classifySdkError('openai', timer.explain(error));
      } finally {
        timer.dispose();
      }
    },

    rewrite(call) {
      return complete(
        {
          model: options.model,
          messages: chatMessages(call.messages),
          max_completion_tokens: REWRITE_TOKENS,
        },
        call,
      );
    },
  };
}

function chatMessages(messages: PromptMessages) {
  return [
    { role: 'system' as const, content: messages.system },
    { role: 'user' as const, content: messages.user },
  ];
}

function requestOptions(timer: CallTimer, call: DraftCall | TextCall) {
  return {
    signal: timer.signal,
    timeout: Math.max(1, call.limits.deadline - Date.now()),
    maxRetries: 0,
  };
}

function usageOf(usage: { prompt_tokens: number; completion_tokens: number } | null | undefined) {
  return {
    promptTokens: usage?.prompt_tokens ?? 0,
    completionTokens: usage?.completion_tokens ?? 0,
  };
}

function contentFiltered(refusal: string | null | undefined): ProviderError {
  return new ProviderError('openai', 'content_filter', refusal ?? 'stopped by the content filter');
}
