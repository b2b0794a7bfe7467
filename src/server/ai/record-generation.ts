import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { ProviderError } from './provider-error';
import type { ProviderName, TokenUsage } from './provider';

/**
 * One `ai_generations` row per call to a provider: the ones that answered and
 * the ones that failed, so usage counts every call and the brief survives even
 * when no provider could answer.
 */
export type GenerationKind = 'draft' | 'repair' | 'rewrite';

export interface GenerationSubject {
  workspaceId: string;
  brandId: string;
  userId: string | null;
  brainVersion: number | null;
  brief: string;
  platform: string | null;
}

export interface CallOutcome {
  kind: GenerationKind;
  provider: ProviderName | null;
  model: string | null;
  usage?: TokenUsage;
  finishReason?: string;
  latencyMs: number;
}

/** Records a call that answered; returns the row's id. */
export async function recordSuccess(
  db: Db,
  subject: GenerationSubject,
  outcome: CallOutcome,
): Promise<string> {
  const id = randomUUID();
  await insertGeneration(db, id, subject, outcome, 'ok', null);
  return id;
}

/** Records a call that failed, or a request no provider could take. */
export async function recordFailure(
  db: Db,
  subject: GenerationSubject,
  outcome: CallOutcome,
  error: ProviderError | string,
): Promise<string> {
  const id = randomUUID();
  const message =
    typeof error === 'string'
      ? error
      : `${error.kind}${error.details.status ? ` (HTTP ${error.details.status})` : ''}: ${error.message}`;
  await insertGeneration(db, id, subject, outcome, 'error', message.slice(0, 1000));
  return id;
}

async function insertGeneration(
  db: Db,
  id: string,
  subject: GenerationSubject,
  outcome: CallOutcome,
  result: 'ok' | 'error',
  error: string | null,
): Promise<void> {
  await db
    .insertInto('ai_generations')
    .values({
      id,
      workspace_id: subject.workspaceId,
      brand_id: subject.brandId,
      user_id: subject.userId,
      brain_version: subject.brainVersion,
      kind: outcome.kind,
      brief: subject.brief,
      platform: subject.platform,
      provider: outcome.provider,
      model: outcome.model,
      prompt_tokens: outcome.usage?.promptTokens ?? null,
      completion_tokens: outcome.usage?.completionTokens ?? null,
      latency_ms: Math.round(outcome.latencyMs),
      finish_reason: outcome.finishReason ?? null,
      outcome: result,
      error,
    })
    .execute();
}
