import { z } from 'zod';
import { INSTANT, LOCAL_DATE_TIME } from './schedule-time';
import { PLATFORMS } from './platforms';

/**
 * Post inputs, shared so the editor validates exactly as the server does.
 * These check shape only; whether a post may be published on its targets
 * (images, caption limits, connections) is checked when it is scheduled.
 */
export const POST_STATUSES = [
  'draft',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'needs_review',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** A draft may hold more than a platform accepts; scheduling says what to trim. */
export const MAX_DRAFT_MEDIA = 20;
export const MAX_CAPTION_LENGTH = 70_000;

export const platformSchema = z.enum(PLATFORMS, { error: 'expected facebook or instagram' });
export const postStatusSchema = z.enum(POST_STATUSES);

export const mediaItemSchema = z.object({
  url: z.url({ error: 'Enter the full image address, starting with https://' }).max(2_000),
  // One line, so a CSV export can list alt texts one per line, in image order.
  alt: z
    .string()
    .max(1_000, { error: 'Keep alt text under 1,000 characters' })
    .refine((text) => !/[\r\n]/.test(text), { error: 'Alt text must be a single line' })
    .default(''),
});
export type MediaItemInput = z.infer<typeof mediaItemSchema>;

export const mediaSchema = z
  .array(mediaItemSchema)
  .max(MAX_DRAFT_MEDIA, { error: `A post can hold at most ${MAX_DRAFT_MEDIA} images` });

export const targetsSchema = z
  .array(platformSchema)
  .min(1, { error: 'Choose at least one platform' })
  .refine((targets) => new Set(targets).size === targets.length, {
    error: 'List each platform once',
  });

export const captionSchema = z
  .string()
  .max(MAX_CAPTION_LENGTH, { error: 'This caption is far too long for any platform' });

/** Per-platform captions; a missing one falls back to the main caption. */
export const captionsSchema = z
  .object({
    facebook: captionSchema.optional(),
    instagram: captionSchema.optional(),
  })
  .transform((captions) => {
    // An emptied per-platform caption means "use the main one", stored as absent.
    const kept: Partial<Record<'facebook' | 'instagram', string>> = {};
    for (const platform of PLATFORMS) {
      const text = captions[platform];
      if (text !== undefined && text.trim() !== '') kept[platform] = text;
    }
    return kept;
  });

export const postContentSchema = z.object({
  caption: captionSchema.default(''),
  captions: captionsSchema.default({}),
  media: mediaSchema.default([]),
  targets: targetsSchema,
});
export type PostContent = z.infer<typeof postContentSchema>;

export const postVersionSchema = z
  .number({ error: 'expected the version you opened the post at' })
  .int()
  .positive();

/** Changes to a post: only the fields given change. */
export const postChangesSchema = z.object({
  version: postVersionSchema,
  caption: captionSchema.optional(),
  captions: captionsSchema.optional(),
  media: mediaSchema.optional(),
  targets: targetsSchema.optional(),
});

/**
 * When to publish: a local date-time in the brand's timezone (`2025-06-01T09:30`)
 * or an instant with an offset (`2025-06-01T07:30:00Z`).
 */
export const scheduleAtSchema = z
  .string()
  .trim()
  .refine((text) => LOCAL_DATE_TIME.test(text) || INSTANT.test(text), {
    error: 'Enter a date and time such as 2025-06-01T09:30, or an instant with an offset',
  });

export const scheduleInputSchema = z.object({ version: postVersionSchema, at: scheduleAtSchema });

/** Version is optional for one-click actions; when given, a stale one is refused. */
export const optionalVersionSchema = z.object({ version: postVersionSchema.optional() });

const rangeDate = z.coerce.date({ error: 'expected a date' });

export const dateRangeSchema = z
  .object({ from: rangeDate, to: rangeDate })
  .refine((range) => range.from < range.to, { error: '`to` must be after `from`', path: ['to'] });

export const listPostsSchema = z.object({
  from: rangeDate.optional(),
  to: rangeDate.optional(),
  status: z.union([postStatusSchema, z.array(postStatusSchema).min(1)]).optional(),
  search: z.string().trim().max(200).optional(),
  cursor: z.uuid({ error: 'expected the cursor from the previous page' }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** Up to six weeks and a little: a month view with its leading and trailing days. */
export const MAX_CALENDAR_DAYS = 45;

export const calendarRangeSchema = dateRangeSchema.refine(
  (range) => range.to.getTime() - range.from.getTime() <= MAX_CALENDAR_DAYS * 86_400_000,
  { error: `Show at most ${MAX_CALENDAR_DAYS} days at once`, path: ['to'] },
);

export const MAX_CSV_LENGTH = 900_000;

export const importCsvSchema = z.object({
  csv: z.string().max(MAX_CSV_LENGTH, { error: 'Split the file: at most 900 kB per import' }),
  dryRun: z.boolean().default(false),
});

/** How a person settles a post in review: it is live (with its id if known), or send it again. */
export const resolveReviewSchema = z.object({
  outcome: z.enum(['published', 'retry'], { error: 'expected "published" or "retry"' }),
  remoteId: z
    .string()
    .trim()
    .min(1)
    .max(200, { error: 'expected the post id as Facebook or Instagram shows it' })
    .optional(),
});
