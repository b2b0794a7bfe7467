import { Allow, parse as parsePartialJson } from 'partial-json';
import { z } from 'zod';
import type { DraftVariant } from './provider';

/**
 * The JSON contract for drafts: several variants in one answer. OpenAI gets
 * it as a strict `json_schema`; Anthropic reads it in the system prompt.
 */
export const MAX_VARIANTS = 5;

export const DRAFT_OUTPUT_SCHEMA = {
  type: 'object',
  properties: {
    variants: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_VARIANTS,
      items: {
        type: 'object',
        properties: {
          text: { type: 'string', description: 'The post, without hashtags.' },
          hashtags: {
            type: 'array',
            items: { type: 'string' },
            description: 'Hashtags to add at the end, without "#".',
          },
        },
        required: ['text', 'hashtags'],
        additionalProperties: false,
      },
    },
  },
  required: ['variants'],
  additionalProperties: false,
} as const;

const outputSchema = z.object({
  variants: z
    .array(
      z.object({
        text: z.string().trim().min(1),
        hashtags: z.array(z.string()).optional().nullable(),
      }),
    )
    .min(1),
});

/** Thrown when a model's answer is not the JSON we asked for. */
export class MalformedOutputError extends Error {
  override name = 'MalformedOutputError';
}

/**
 * Reads the variants out of a model's answer, tolerating a code fence or a
 * sentence around the JSON; keeps at most `wanted` of them.
 *
 * @example
 *   parseDraftOutput('{"variants":[{"text":"Hi","hashtags":["cafe"]}]}', 3);
 *   // [{ text: 'Hi', hashtags: ['cafe'] }]
 */
export function parseDraftOutput(output: string, wanted: number): DraftVariant[] {
  const start = output.indexOf('{');
  const end = output.lastIndexOf('}');
  if (start < 0 || end < start) throw new MalformedOutputError('the answer holds no JSON object');

  let value: unknown;
  try {
    value = JSON.parse(output.slice(start, end + 1));
  } catch (error) {
    throw new MalformedOutputError(`the answer is not valid JSON (${(error as Error).message})`);
  }

  const parsed = outputSchema.safeParse(value);
  if (!parsed.success) {
    throw new MalformedOutputError('the JSON does not hold a list of variants with text');
  }

  return parsed.data.variants.slice(0, wanted).map((variant) => ({
    text: variant.text,
    hashtags: variant.hashtags ?? [],
  }));
}

/**
 * The post as it will be published: the text, then the hashtags that are not
 * in it yet on their own line.
 */
export function composeDraftText(variant: DraftVariant): string {
  const text = variant.text.trim();
  const present = new Set(
    [...text.matchAll(/#([\p{L}\p{M}\p{N}_]+)/gu)].map((match) => match[1]!.toLowerCase()),
  );
  const tags = (variant.hashtags ?? [])
    .map((tag) => tag.trim().replace(/^#+/, '').replace(/\s+/g, ''))
    .filter((tag) => tag !== '' && !present.has(tag.toLowerCase()));

  return tags.length > 0 ? `${text}\n\n${tags.map((tag) => `#${tag}`).join(' ')}` : text;
}

export interface VariantDelta {
  variant: number;
  text: string;
}

/**
 * Turns JSON arriving in pieces into text per variant, so a person watches the
 * posts being written rather than braces. Re-reads the partial JSON on each
 * piece (answers are a few kilobytes) and emits what each variant's text
 * gained. Hashtags are not streamed: the key order is the model's choice, and
 * they arrive with the finished drafts in the done event.
 */
export class VariantStreamer {
  private buffer = '';
  private readonly shown: string[] = [];

  push(piece: string): VariantDelta[] {
    this.buffer += piece;
    const start = this.buffer.indexOf('{');
    if (start < 0) return [];

    let value: unknown;
    try {
      value = parsePartialJson(this.buffer.slice(start), Allow.ALL);
    } catch {
      return [];
    }

    const variants = (value as { variants?: unknown } | null)?.variants;
    if (!Array.isArray(variants)) return [];

    const deltas: VariantDelta[] = [];
    variants.forEach((variant: { text?: unknown } | null, index) => {
      if (typeof variant?.text !== 'string') return;

      const text = variant.text.replace(/^\s+/, '');
      const before = this.shown[index] ?? '';
      if (text.length <= before.length || !text.startsWith(before)) return;

      this.shown[index] = text;
      deltas.push({ variant: index, text: text.slice(before.length) });
    });

    return deltas;
  }
}
