import Anthropic from '@anthropic-ai/sdk';
import { CallTimer } from './call-timer';
import { classifySdkError, ProviderError } from './provider-error';
import type { AiProvider, DraftCall, StreamChunk, TextCall, TokenUsage } from './provider';

/**
 * Anthropic's Messages API. It has no strict JSON mode here, so the system
 * prompt carries the schema (see `constructPrompt`) and `parseDraftOutput`
 * reads the JSON out of the answer. As with OpenAI, the SDK does not retry.
 */
export interface AnthropicOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

const TOKENS_PER_VARIANT = 1_000;
const REWRITE_TOKENS = 1_500;

export function createAnthropicProvider(options: AnthropicOptions): AiProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? 'https://api.anthropic.com',
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    openTelemetry: false,
  });

  const body = (call: DraftCall | TextCall, maxTokens: number) => ({
    model: options.model,
    max_tokens: maxTokens,
    system: call.messages.system,
    messages: [{ role: 'user' as const, content: call.messages.user }],
  });

  const complete = async (call: DraftCall | TextCall, maxTokens: number) => {
    const timer = new CallTimer('anthropic', call.limits);
    try {
      const message = await client.messages.create(
        { ...body(call, maxTokens), stream: false },
        requestOptions(timer, call),
      );
      if (message.stop_reason === 'refusal') throw refused();

      const text = message.content
        .map((block) => (block.type === 'text' ? block.text : ''))
        .join('');
      return {
        text,
        model: message.model,
        usage: {
          promptTokens: message.usage.input_tokens,
          completionTokens: message.usage.output_tokens,
        },
        finishReason: message.stop_reason ?? 'unknown',
      };
    } catch (error) {
      throw classifySdkError('anthropic', timer.explain(error));
    } finally {
      timer.dispose();
    }
  };

  return {
    name: 'anthropic',
    model: options.model,

    async draft(call) {
      const { text, ...answer } = await complete(call, TOKENS_PER_VARIANT * call.variants + 200);
      return { ...answer, output: text };
    },

    async *stream(call): AsyncGenerator<StreamChunk> {
      const timer = new CallTimer('anthropic', call.limits);
      try {
        const stream = await client.messages.create(
          { ...body(call, TOKENS_PER_VARIANT * call.variants + 200), stream: true },
          requestOptions(timer, call),
        );

        let model = options.model;
        let finishReason = 'unknown';
        const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };

        for await (const event of stream) {
          if (event.type === 'message_start') {
            model = event.message.model || model;
            usage.promptTokens = event.message.usage.input_tokens;
          } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            timer.started();
            yield { type: 'text', text: event.delta.text };
          } else if (event.type === 'message_delta') {
            finishReason = event.delta.stop_reason ?? finishReason;
            usage.completionTokens = event.usage.output_tokens;
          }
        }

        // The SDK ends an aborted stream quietly; a cut-short answer is a failure.
        if (timer.signal.aborted) throw new Error('the stream was aborted');
        if (finishReason === 'refusal') throw refused();
        yield { type: 'end', model, usage, finishReason };
      } catch (error) {
        throw classifySdkError('anthropic', timer.explain(error));
      } finally {
        timer.dispose();
      }
    },

    rewrite(call) {
      return complete(call, REWRITE_TOKENS);
    },
  };
}

function requestOptions(timer: CallTimer, call: DraftCall | TextCall) {
  return {
    signal: timer.signal,
    timeout: Math.max(1, call.limits.deadline - Date.now()),
    maxRetries: 0,
  };
}

function refused(): ProviderError {
  return new ProviderError('anthropic', 'content_filter', 'the model declined to answer');
}
