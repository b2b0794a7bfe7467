import { z } from 'zod';
import { PLATFORMS } from './platforms';

/**
 * The Brand Brain: everything the AI needs to write as the brand. Shared by
 * the server (saving, prompts, rule checks, seeding) and the client (editor),
 * so a profile is validated the same way everywhere.
 */
export const BRAIN_MAX_CHARACTERS = 20_000;
export const BRAIN_MAX_EXAMPLES = 20;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const list = (max: number, itemMax = 200) =>
  z
    .array(text(itemMax).min(1, { error: 'must not be empty' }))
    .max(max, { error: `at most ${max} items` });

const scale = z
  .number({ error: 'must be a number from 1 to 5' })
  .int({ error: 'must be a whole number from 1 to 5' })
  .min(1, { error: 'must be 1–5' })
  .max(5, { error: 'must be 1–5' });

/**
 * Case-insensitive but accent-sensitive key, the same rule the banned-word
 * check applies: `Olcsó` and `OLCSÓ` are one word, while Hungarian `kor`,
 * `kór` and `kör` are three.
 */
export function wordKey(word: string): string {
  return word.normalize('NFC').toLocaleLowerCase('en').trim();
}

const uniqueWords = (max: number) =>
  list(max, 100).superRefine((words, ctx) => {
    const seen = new Map<string, number>();
    words.forEach((word, index) => {
      const key = wordKey(word);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: [index], message: `duplicates "${words[first]}"` });
      }
      seen.set(key, index);
    });
  });

export const emojiPolicySchema = z.enum(['none', 'sparingly', 'freely']);
export const pointOfViewSchema = z.enum(['we', 'i', 'brand_name']);

export const brandBrainSchema = z
  .object({
    identity: z
      .object({
        description: text(2000).default(''),
        productsAndServices: list(30).default([]),
        industry: text(200).default(''),
        values: list(20).default([]),
      })
      .default({ description: '', productsAndServices: [], industry: '', values: [] }),
    audience: z
      .object({
        who: text(1000).default(''),
        needs: list(20).default([]),
        objections: list(20).default([]),
      })
      .default({ who: '', needs: [], objections: [] }),
    voice: z
      .object({
        formality: scale.default(3),
        humour: scale.default(2),
        energy: scale.default(3),
        warmth: scale.default(3),
        personality: list(10, 60).default([]),
        weAreNot: z
          .array(
            z.object({
              weAre: text(100).min(1, { error: 'must not be empty' }),
              weAreNot: text(100).min(1, { error: 'must not be empty' }),
            }),
          )
          .max(10, { error: 'at most 10 items' })
          .default([]),
        pointOfView: pointOfViewSchema.default('we'),
      })
      .default({
        formality: 3,
        humour: 2,
        energy: 3,
        warmth: 3,
        personality: [],
        weAreNot: [],
        pointOfView: 'we',
      }),
    vocabulary: z
      .object({
        preferred: list(50, 100).default([]),
        banned: uniqueWords(100).default([]),
        signaturePhrases: list(10).default([]),
        requiredDisclaimers: list(5, 500).default([]),
      })
      .default({ preferred: [], banned: [], signaturePhrases: [], requiredDisclaimers: [] }),
    style: z
      .object({
        emoji: emojiPolicySchema.default('sparingly'),
        hashtags: z
          .object({
            alwaysUse: list(10, 100).default([]),
            max: z
              .number()
              .int()
              .min(0, { error: 'must be 0–30' })
              .max(30, { error: 'must be 0–30' })
              .default(5),
            banned: uniqueWords(50).default([]),
          })
          .default({ alwaysUse: [], max: 5, banned: [] }),
        callToAction: text(500).default(''),
        formatting: text(1000).default(''),
      })
      .default({
        emoji: 'sparingly',
        hashtags: { alwaysUse: [], max: 5, banned: [] },
        callToAction: '',
        formatting: '',
      }),
    examples: z
      .array(
        z.object({
          platform: z.enum(PLATFORMS),
          text: text(2200).min(1, { error: 'must not be empty' }),
        }),
      )
      .max(BRAIN_MAX_EXAMPLES, { error: `at most ${BRAIN_MAX_EXAMPLES} example posts` })
      .default([]),
    platformNotes: z
      .object({ facebook: text(1000).default(''), instagram: text(1000).default('') })
      .default({ facebook: '', instagram: '' }),
  })
  .superRefine((brain, ctx) => {
    const size = JSON.stringify(brain).length;
    if (size > BRAIN_MAX_CHARACTERS) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `the whole Brand Brain must be at most ${BRAIN_MAX_CHARACTERS.toLocaleString('en')} characters (it has ${size.toLocaleString('en')})`,
      });
    }
  });

export type BrandBrain = z.output<typeof brandBrainSchema>;
export type BrandBrainInput = z.input<typeof brandBrainSchema>;

/** An empty profile with every default filled in. */
export function emptyBrandBrain(): BrandBrain {
  return brandBrainSchema.parse({});
}
