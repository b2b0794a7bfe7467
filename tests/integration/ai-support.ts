import { brandBrainSchema, type BrandBrainInput } from '../../src/common/brand-brain';
import type { Db } from '../../src/server/db/database';
import type { createStreamingApiClient } from '../support/api-client';

/** A brand with a saved Brand Brain (version 1), written straight to the tables. */
export async function insertBrand(
  db: Db,
  workspaceId: string,
  brain: BrandBrainInput = {},
  language = 'hu',
): Promise<string> {
  const brand = await db
    .insertInto('brands')
    .values({
      workspace_id: workspaceId,
      name: 'Kávé Kft.',
      slug: `kave-${Math.random().toString(36).slice(2, 10)}`,
      timezone: 'Europe/Budapest',
      language,
      default_targets: ['facebook', 'instagram'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await db
    .insertInto('brand_brains')
    .values({
      brand_id: brand.id,
      version: 1,
      workspace_id: workspaceId,
      content: JSON.stringify(brandBrainSchema.parse(brain)),
    })
    .execute();

  return brand.id;
}

type StreamingClient = ReturnType<typeof createStreamingApiClient>;
type DraftStreamInput = Parameters<StreamingClient['ai']['draftStream']['subscribe']>[0];

/** Subscribes to `ai.draftStream` over SSE and collects events until `done` or an error. */
export function collectDraftStream(client: StreamingClient, input: DraftStreamInput) {
  return new Promise<{ events: any[]; error?: any; firstEventAt?: number }>((resolve) => {
    const events: any[] = [];
    let firstEventAt: number | undefined;

    const subscription = client.ai.draftStream.subscribe(input, {
      onData: (event) => {
        firstEventAt ??= performance.now();
        events.push(event);
        if (event.type === 'done') {
          subscription.unsubscribe();
          resolve({ events, firstEventAt });
        }
      },
      onError: (error) => {
        subscription.unsubscribe();
        resolve({ events, error, firstEventAt });
      },
    });
  });
}
