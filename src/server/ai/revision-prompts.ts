import type { BrandBrain } from '../../common/brand-brain';
import { PLATFORM_LABELS, type Platform } from '../../common/platforms';
import type { RuleWarning } from '../../common/rule-checks';
import {
  constructPrompt,
  describeBrand,
  languageRule,
  type PromptOptions,
} from './construct-prompt';
import type { PromptMessages } from './provider';

/**
 * Prompts that change existing text: the repair round after rule checks, and
 * the one-click rewrites in the editor. Pure, like `constructPrompt`.
 */
export const REWRITE_INSTRUCTIONS = [
  'shorten',
  'more_formal',
  'more_casual',
  'translate',
  'adapt_to_instagram',
  'adapt_to_facebook',
] as const;
export type RewriteInstruction = (typeof REWRITE_INSTRUCTIONS)[number];

/**
 * Asks the model to fix exactly the listed problems in each draft and change
 * nothing else. Answers in the same JSON contract, one variant per draft.
 */
export function constructRepairPrompt(
  brain: BrandBrain,
  platform: Platform,
  options: Omit<PromptOptions, 'variants'>,
  drafts: { text: string; warnings: RuleWarning[] }[],
): PromptMessages {
  const { system } = constructPrompt(brain, '', platform, { ...options, variants: drafts.length });

  const listed = drafts
    .map((draft, index) =>
      [
        `Draft ${index + 1}:`,
        '<draft>',
        draft.text,
        '</draft>',
        'Fix:',
        ...draft.warnings.map((warning) => `- ${warning.message}`),
      ].join('\n'),
    )
    .join('\n\n');

  const user = [
    `These ${PLATFORM_LABELS[platform]} drafts break the brand's rules. Fix exactly the problems listed under each draft and change as little else as possible: keep the meaning, the voice and the language.`,
    listed,
    `Answer with ${drafts.length} variant${drafts.length > 1 ? 's' : ''}, in the same order as the drafts.`,
  ].join('\n\n');

  return { system, user };
}

export interface RewriteOptions {
  brandName: string;
  /** The brand's language. */
  language: string;
  /** For `translate`: the language to translate into (defaults to the brand's). */
  targetLanguage?: string;
}

/** Where a rewrite will be posted, for its rule checks. */
export function rewriteTargetPlatform(
  instruction: RewriteInstruction,
  fallback: Platform,
): Platform {
  if (instruction === 'adapt_to_instagram') return 'instagram';
  if (instruction === 'adapt_to_facebook') return 'facebook';
  return fallback;
}

/**
 * Asks for one rewritten post as plain text.
 *
 * @example
 *   constructRewritePrompt(brain, 'Hosszú szöveg…', 'shorten', 'facebook', { brandName, language: 'hu' });
 */
export function constructRewritePrompt(
  brain: BrandBrain,
  text: string,
  instruction: RewriteInstruction,
  platform: Platform,
  options: RewriteOptions,
): PromptMessages {
  const target = rewriteTargetPlatform(instruction, platform);
  const language =
    instruction === 'translate' ? (options.targetLanguage ?? options.language) : options.language;

  const system = [
    `You edit social media posts for ${options.brandName}, keeping the brand's voice and rules.`,
    languageRule(language),
    describeBrand(brain, target),
    'Answer with the rewritten post only: no quotes around it, no notes, no preamble.',
  ].join('\n\n');

  const user = `${taskFor(instruction, language)}\n\n<post>\n${text.trim()}\n</post>`;
  return { system, user };
}

function taskFor(instruction: RewriteInstruction, language: string): string {
  switch (instruction) {
    case 'shorten':
      return 'Make this post noticeably shorter (about half as long) and keep its key message, hook and call to action.';
    case 'more_formal':
      return 'Rewrite this post in a more formal register, staying within the brand voice.';
    case 'more_casual':
      return 'Rewrite this post in a more casual, conversational register, staying within the brand voice.';
    case 'translate':
      return `Translate this post into the language "${language}", adapting idioms and hashtags so it reads as if written in it.`;
    case 'adapt_to_instagram':
      return 'Adapt this post for Instagram: a strong first-line hook, no clickable links (point to the link in the bio), hashtags at the end, at most 2,200 characters.';
    case 'adapt_to_facebook':
      return 'Adapt this post for Facebook: shorter and conversational, few or no hashtags, a link is fine.';
  }
}
