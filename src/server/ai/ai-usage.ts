import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Tokens and calls over a period, per provider and per brand, from the
 * `ai_generations` records. Calls that failed count as calls (and as
 * failures); their tokens count when the provider billed them.
 */
export interface UsageTotals {
  calls: number;
  failedCalls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface AiUsage {
  from: Date;
  to: Date;
  total: UsageTotals;
  byProvider: (UsageTotals & { provider: string })[];
  byBrand: (UsageTotals & { brandId: string; brandName: string })[];
}

const totals = {
  calls: sql<number>`count(*)::int`.as('calls'),
  failedCalls: sql<number>`(count(*) filter (where g.outcome = 'error'))::int`.as('failedCalls'),
  promptTokens: sql<number>`coalesce(sum(g.prompt_tokens), 0)::int`.as('promptTokens'),
  completionTokens: sql<number>`coalesce(sum(g.completion_tokens), 0)::int`.as('completionTokens'),
};

/**
 * @example
 *   await summarizeUsage(db, workspaceId, new Date('2025-06-01'), new Date('2025-07-01'));
 */
export async function summarizeUsage(
  db: Db,
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<AiUsage> {
  const inPeriod = db
    .selectFrom('ai_generations as g')
    .where('g.workspace_id', '=', workspaceId)
    .where('g.created_at', '>=', from)
    .where('g.created_at', '<', to);

  const [byProvider, byBrand] = await Promise.all([
    inPeriod
      .select([
        sql<string>`coalesce(g.provider, 'none')`.as('provider'),
        totals.calls,
        totals.failedCalls,
        totals.promptTokens,
        totals.completionTokens,
      ])
      .groupBy('g.provider')
      .orderBy('provider')
      .execute(),
    inPeriod
      .innerJoin('brands as b', 'b.id', 'g.brand_id')
      .select([
        'g.brand_id as brandId',
        'b.name as brandName',
        totals.calls,
        totals.failedCalls,
        totals.promptTokens,
        totals.completionTokens,
      ])
      .groupBy(['g.brand_id', 'b.name'])
      .orderBy('b.name')
      .execute(),
  ]);

  const total = byProvider.reduce<UsageTotals>(
    (sum, row) => ({
      calls: sum.calls + row.calls,
      failedCalls: sum.failedCalls + row.failedCalls,
      promptTokens: sum.promptTokens + row.promptTokens,
      completionTokens: sum.completionTokens + row.completionTokens,
    }),
    { calls: 0, failedCalls: 0, promptTokens: 0, completionTokens: 0 },
  );

  return { from, to, total, byProvider, byBrand };
}
