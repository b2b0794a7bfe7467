import type { Platform } from '../../common/platforms';
import { checkDraft } from '../../common/rule-checks';
import { composeDraftText, MalformedOutputError, parseDraftOutput } from './draft-output';
import type { AiDeps, CheckedDraft } from './generate-drafts';
import type { BrandContext } from './load-brand-context';
import { classifySdkError, ProviderError } from './provider-error';
import type { AiProvider } from './provider';
import { recordFailure, recordSuccess, type GenerationSubject } from './record-generation';
import { constructRepairPrompt } from './revision-prompts';

/**
 * The repair round: drafts that break a brand rule go back to the provider
 * that wrote them, once, in one call that lists exactly what to fix in each.
 * A repaired draft replaces the original unless it breaks more rules; what
 * still breaks stays as warnings beside the draft. A failed repair never
 * costs the person their drafts: they come back as they were, with warnings.
 */
const MIN_REPAIR_MS = 1_000;

export interface RepairRequest {
  provider: AiProvider;
  brand: BrandContext;
  subject: GenerationSubject;
  platform: Platform;
  drafts: CheckedDraft[];
  deadline: number;
  signal?: AbortSignal;
}

export async function repairDrafts(deps: AiDeps, request: RepairRequest): Promise<CheckedDraft[]> {
  const { provider, brand, platform, drafts } = request;
  const broken = drafts
    .map((draft, index) => ({ ...draft, index }))
    .filter((draft) => draft.warnings.length > 0);
  if (broken.length === 0) return drafts;

  const remaining = request.deadline - Date.now();
  if (remaining < MIN_REPAIR_MS) {
    deps.log.info({ provider: provider.name, remaining }, 'no time left for the repair round');
    return drafts;
  }

  const messages = constructRepairPrompt(
    brand.brain,
    platform,
    { brandName: brand.name, language: brand.language },
    broken,
  );
  const startedAt = Date.now();
  const outcome = { kind: 'repair' as const, provider: provider.name, model: provider.model };

  try {
    const answer = await provider.draft({
      messages,
      variants: broken.length,
      limits: { firstTokenMs: remaining, deadline: request.deadline, signal: request.signal },
      context: {
        brain: brand.brain,
        brandName: brand.name,
        platform,
        brief: request.subject.brief,
      },
    });
    const latencyMs = Date.now() - startedAt;
    const usage = { ...outcome, model: answer.model, usage: answer.usage, latencyMs };

    let variants;
    try {
      variants = parseDraftOutput(answer.output, broken.length);
    } catch (error) {
      if (!(error instanceof MalformedOutputError)) throw error;
      throw new ProviderError(provider.name, 'malformed', error.message, {
        model: answer.model,
        usage: answer.usage,
        finishReason: answer.finishReason,
      });
    }
    await recordSuccess(deps.db, request.subject, { ...usage, finishReason: answer.finishReason });

    const repaired = [...drafts];
    broken.forEach((draft, position) => {
      const variant = variants[position];
      if (!variant) return;

      const text = composeDraftText(variant);
      const warnings = checkDraft(text, platform, brand.brain);
      if (warnings.length <= draft.warnings.length) repaired[draft.index] = { text, warnings };
    });
    return repaired;
  } catch (caught) {
    const error = classifySdkError(provider.name, caught);
    deps.log.warn(
      { provider: provider.name, reason: error.kind },
      'repair round failed; returning drafts with warnings',
    );
    await recordFailure(
      deps.db,
      request.subject,
      {
        ...outcome,
        model: error.details.model ?? provider.model,
        usage: error.details.usage,
        finishReason: error.details.finishReason,
        latencyMs: Date.now() - startedAt,
      },
      error,
    );
    return drafts;
  }
}
