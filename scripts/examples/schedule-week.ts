/**
 * Drafts a week of posts with AI and schedules them, using only the typed
 * client and an API token: an example of scripting Postpilot.
 *
 *   POSTPILOT_URL=http://localhost:3000 POSTPILOT_TOKEN=pp_… \
 *     node --import tsx scripts/examples/schedule-week.ts --brand <brand id> [--briefs briefs.json]
 *
 * Each brief in the JSON file (`{ "briefs": [{ "brief", "platform", "time"? }] }`)
 * is drafted once; the first draft becomes a post, scheduled at the brief's
 * time (default 10:00) in the brand's timezone, spread across the days of next
 * week (Monday to Sunday). The token needs the editor role.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { createPostpilotClient, TRPCClientError } from '../../src/sdk/postpilot-client';

const briefsFile = z.object({
  briefs: z
    .array(
      z.object({
        brief: z.string().min(3),
        platform: z.enum(['facebook', 'instagram']),
        time: z
          .string()
          .regex(/^\d{2}:\d{2}$/, { error: 'expected a time such as 09:30' })
          .default('10:00'),
        media: z.array(z.object({ url: z.url(), alt: z.string().default('') })).default([]),
      }),
    )
    .min(1)
    .max(50),
});

const { values } = parseArgs({
  options: {
    brand: { type: 'string' },
    briefs: { type: 'string', default: path.join(import.meta.dirname, 'briefs.json') },
  },
});

function fail(message: string): never {
  process.stderr.write(`schedule-week: ${message}\n`);
  process.exit(1);
}

/** Local date-times (`2026-03-02T08:30`) spread across next week's seven days. */
function nextWeekSlots(times: string[], zone: string, now = DateTime.now()): string[] {
  const monday = now.setZone(zone).startOf('week').plus({ weeks: 1 });
  return times.map((time, index) => {
    const day = monday.plus({ days: Math.floor((index * 7) / times.length) });
    return `${day.toISODate()}T${time}`;
  });
}

async function main(): Promise<void> {
  const url = process.env.POSTPILOT_URL ?? fail('set POSTPILOT_URL, e.g. http://localhost:3000');
  const token = process.env.POSTPILOT_TOKEN ?? fail('set POSTPILOT_TOKEN to an API token (pp_…)');
  const brandId = values.brand ?? fail('pass --brand <brand id>');

  const parsed = briefsFile.safeParse(JSON.parse(readFileSync(values.briefs, 'utf8')));
  if (!parsed.success) fail(`${values.briefs}: ${z.prettifyError(parsed.error)}`);
  const { briefs } = parsed.data;

  const postpilot = createPostpilotClient({ url, token });
  const brand = await postpilot.brands.get.query({ brandId });
  const slots = nextWeekSlots(
    briefs.map((b) => b.time),
    brand.timezone,
  );

  for (const [index, item] of briefs.entries()) {
    const { drafts } = await postpilot.ai.draft.mutate({
      brandId,
      brief: item.brief,
      platform: item.platform,
      variants: 1,
    });
    const caption = drafts[0]?.text ?? fail(`no draft came back for "${item.brief}"`);

    const post = await postpilot.posts.create.mutate({
      brandId,
      caption,
      media: item.media,
      targets: [item.platform],
    });
    const scheduled = await postpilot.posts.schedule.mutate({
      postId: post.id,
      version: post.version,
      at: slots[index]!,
    });

    process.stdout.write(
      `${JSON.stringify({ postId: post.id, platform: item.platform, at: slots[index], scheduledAt: scheduled.post.scheduledAt, notice: scheduled.notice })}\n`,
    );
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof TRPCClientError
      ? `${error.data?.code ?? 'ERROR'}: ${error.message}`
      : String(error);
  fail(message);
});
