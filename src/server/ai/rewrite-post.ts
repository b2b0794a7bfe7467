import type { Platform } from '../../common/platforms';
import { checkDraft, type RuleWarning } from '../../common/rule-checks';
import { noProviderConfigured } from './failure-messages';
import type { AiDeps } from './generate-drafts';
import { loadBrandContext } from './load-brand-context';
import { runQuietChain } from './provider-chain';
import { ProviderError } from './provider-error';
import type { ProviderName } from './provider';
import { recordFailure, recordSuccess, type GenerationSubject } from './record-generation';
import {
  constructRewritePrompt,
  rewriteTargetPlatform,
  type RewriteInstruction,
} from './revision-prompts';

/**
 * One-click rewrites in the editor (shorter, more formal, translated, adapted
 * to another platform). Same provider chain and records as drafting; the
 * result is checked against the brand's rules for the platform it is meant for.
 */
export interface RewriteRequest {
  workspaceId: string;
  brandId: string;
  userId: string | null;
  text: string;
  instruction: RewriteInstruction;
  /** For `translate`: the target language; defaults to the brand's. */
  language?: string;
  /** Where the text will be posted, unless the instruction names a platform. */
  platform: Platform;
}

export interface RewriteResult {
  provider: ProviderName;
  model: string;
  platform: Platform;
  text: string;
  warnings: RuleWarning[];
  generationId: string;
}

/** How much of the original is kept in the record (the brief column). */
const RECORDED_TEXT = 1_000;

export async function rewritePost(
  deps: AiDeps,
  request: RewriteRequest,
  signal?: AbortSignal,
): Promise<RewriteResult> {
  const deadline = Date.now() + deps.ai.timeoutMs;
  const brand = await loadBrandContext(deps, request.workspaceId, request.brandId);
  const platform = rewriteTargetPlatform(request.instruction, request.platform);
  const subject: GenerationSubject = {
    workspaceId: brand.workspaceId,
    brandId: brand.brandId,
    userId: request.userId,
    brainVersion: brand.brainVersion,
    brief: `${request.instruction}${request.language ? ` (${request.language})` : ''}: ${request.text.slice(0, RECORDED_TEXT)}`,
    platform,
  };

  if (deps.ai.providers.length === 0) {
    const error = noProviderConfigured();
    await recordFailure(
      deps.db,
      subject,
      { kind: 'rewrite', provider: null, model: null, latencyMs: 0 },
      error.message,
    );
    throw error;
  }

  const messages = constructRewritePrompt(
    brand.brain,
    request.text,
    request.instruction,
    platform,
    {
      brandName: brand.name,
      language: brand.language,
      targetLanguage: request.language,
    },
  );
  const context = {
    brain: brand.brain,
    brandName: brand.name,
    platform,
    brief: '',
    text: request.text,
    instruction: request.instruction,
  };

  const { provider, result } = await runQuietChain(
    {
      providers: deps.ai.providers,
      deadline,
      signal,
      onFailure: async (failed, error, latencyMs) => {
        deps.log.warn(
          { provider: failed.name, reason: error.kind, status: error.details.status },
          'AI provider call failed',
        );
        await recordFailure(
          deps.db,
          subject,
          {
            kind: 'rewrite',
            provider: failed.name,
            model: failed.model,
            usage: error.details.usage,
            latencyMs,
          },
          error,
        );
      },
    },
    async (candidate, limits) => {
      const startedAt = Date.now();
      const answer = await candidate.rewrite({ messages, limits, context });
      const text = unwrap(answer.text);
      if (text === '') {
        throw new ProviderError(candidate.name, 'malformed', 'the rewrite came back empty', {
          model: answer.model,
          usage: answer.usage,
          finishReason: answer.finishReason,
        });
      }

      const generationId = await recordSuccess(deps.db, subject, {
        kind: 'rewrite',
        provider: candidate.name,
        model: answer.model,
        usage: answer.usage,
        finishReason: answer.finishReason,
        latencyMs: Date.now() - startedAt,
      });
      return { text, model: answer.model, generationId };
    },
  );

  return {
    provider: provider.name,
    model: result.model,
    platform,
    text: result.text,
    warnings: checkDraft(result.text, platform, brand.brain),
    generationId: result.generationId,
  };
}

// Models sometimes wrap the post in the tags or quotes the prompt used.
function unwrap(text: string): string {
  return text
    .trim()
    .replace(/^<post>\s*([\s\S]*?)\s*<\/post>$/, '$1')
    .replace(/^"([\s\S]*)"$/, '$1')
    .trim();
}
