import type { BrandBrain } from '../../common/brand-brain';
import { LIMITS, PLATFORM_LABELS, type Platform } from '../../common/platforms';
import { SPARING_EMOJI_LIMIT } from '../../common/rule-checks';
import { DRAFT_OUTPUT_SCHEMA } from './draft-output';
import type { PromptMessages } from './provider';

/**
 * Builds the messages that ask a model for drafts in the brand's voice. Pure:
 * the same brain, brief and platform always give the same prompt, so tests
 * can show that a change to the brain reaches the model.
 */
export interface PromptOptions {
  brandName: string;
  /** BCP 47 code of the brand's language, e.g. `hu` or `en`. */
  language: string;
  variants: number;
}

const MAX_EXAMPLES = 5;

const SCALES = {
  formality: ['very casual', 'casual', 'neutral', 'formal', 'very formal'],
  humour: ['serious', 'mostly serious', 'light', 'playful', 'very playful'],
  energy: ['calm', 'relaxed', 'steady', 'lively', 'high-energy'],
  warmth: ['matter-of-fact', 'reserved', 'friendly', 'warm', 'very warm'],
} as const;

/**
 * @example
 *   const { system, user } = constructPrompt(brain, 'Summer menu launch', 'instagram', {
 *     brandName: 'Kávé Kft.', language: 'hu', variants: 3,
 *   });
 */
export function constructPrompt(
  brain: BrandBrain,
  brief: string,
  platform: Platform,
  options: PromptOptions,
): PromptMessages {
  const system = [
    `You write social media posts for ${options.brandName}, as the brand itself.`,
    languageRule(options.language),
    describeBrand(brain, platform),
    platformRules(brain, platform),
    examplesSection(brain, platform),
    outputContract(options.variants),
  ]
    .filter(Boolean)
    .join('\n\n');

  const label = PLATFORM_LABELS[platform];
  const plural = options.variants > 1 ? `${options.variants} different variants` : 'one post';
  const user = `Brief:\n${brief.trim()}\n\nWrite ${plural} for ${label}.`;

  return { system, user };
}

/** The language line: names the language in English, which every model understands. */
export function languageRule(language: string): string {
  return `Write in ${languageName(language)} (${language}), whatever language the brief is in.`;
}

/** Everything the brain says about the brand, as prompt sections; empty parts are left out. */
export function describeBrand(brain: BrandBrain, platform: Platform): string {
  const { identity, audience, voice, vocabulary, style } = brain;

  const sections = [
    section('The brand', [
      identity.description,
      line('Industry', identity.industry),
      bullets('Products and services', identity.productsAndServices),
      bullets('Values', identity.values),
    ]),
    section('Audience', [
      audience.who,
      bullets('What they need', audience.needs),
      bullets('Objections to answer', audience.objections),
    ]),
    section('Voice', [
      `Formality: ${SCALES.formality[voice.formality - 1]}. Humour: ${SCALES.humour[voice.humour - 1]}. ` +
        `Energy: ${SCALES.energy[voice.energy - 1]}. Warmth: ${SCALES.warmth[voice.warmth - 1]}.`,
      line('Personality', voice.personality.join(', ')),
      bullets(
        'We are … but not …',
        voice.weAreNot.map((pair) => `${pair.weAre}, but not ${pair.weAreNot}`),
      ),
      pointOfView(voice.pointOfView),
    ]),
    section('Words', [
      line('Prefer these words', vocabulary.preferred.join(', ')),
      line(
        'Never use these words or phrases, in any form or spelling',
        vocabulary.banned.map(quote).join(', '),
      ),
      bullets('Signature phrases (use one where it fits naturally)', vocabulary.signaturePhrases),
      bullets(
        'Every post must contain these disclaimers, word for word',
        vocabulary.requiredDisclaimers,
      ),
    ]),
    section('Style', [
      emojiRule(style.emoji),
      hashtagRule(brain, platform),
      line('Call to action', style.callToAction),
      line('Formatting', style.formatting),
    ]),
  ];

  return sections.filter(Boolean).join('\n\n');
}

function platformRules(brain: BrandBrain, platform: Platform): string {
  const notes = brain.platformNotes[platform];
  const rules =
    platform === 'instagram'
      ? [
          `- At most ${LIMITS.instagram.maxCaption.toLocaleString('en')} characters and ${LIMITS.instagram.maxHashtags} hashtags.`,
          '- The first line is the hook: only it shows before "more", so it must make people stop scrolling.',
          '- Links in captions are not clickable; point to the link in the bio instead.',
        ]
      : [
          '- Shorter is better: most strong posts are one to three short paragraphs.',
          '- A link may be included and is clickable.',
        ];

  return section(`Platform: ${PLATFORM_LABELS[platform]}`, [
    rules.join('\n'),
    line('Notes for this platform', notes),
  ]);
}

function examplesSection(brain: BrandBrain, platform: Platform): string {
  const own = brain.examples.filter((example) => example.platform === platform);
  const chosen = (own.length > 0 ? own : brain.examples).slice(0, MAX_EXAMPLES);
  if (chosen.length === 0) return '';

  const posts = chosen.map((example) => `<example>\n${example.text}\n</example>`).join('\n');
  return `## Example posts in the brand's voice (match the voice, do not copy them)\n${posts}`;
}

function outputContract(variants: number): string {
  return [
    '## Answer format',
    'Answer with one JSON object and nothing else: no code fence, no comments. It must match this JSON schema:',
    JSON.stringify(DRAFT_OUTPUT_SCHEMA),
    `Give exactly ${variants} variant${variants > 1 ? 's' : ''} in "variants"` +
      (variants > 1 ? ', each a complete post with its own angle or hook.' : '.'),
    'Put the post in "text" without hashtags, and its hashtags, without "#", in "hashtags" (an empty list when none fit).',
  ].join('\n');
}

function emojiRule(policy: BrandBrain['style']['emoji']): string {
  if (policy === 'none') return 'Emoji: never use emoji.';
  if (policy === 'sparingly') return `Emoji: sparingly, at most ${SPARING_EMOJI_LIMIT} in a post.`;
  return 'Emoji: use them freely where they help.';
}

function hashtagRule(brain: BrandBrain, platform: Platform): string {
  const { alwaysUse, max, banned } = brain.style.hashtags;
  const limit = Math.min(max, LIMITS[platform].maxHashtags);
  const parts = [`Hashtags: at most ${limit}.`];

  if (alwaysUse.length > 0) parts.push(`Always include ${alwaysUse.map(hashtag).join(' ')}.`);
  if (banned.length > 0) parts.push(`Never use ${banned.map(hashtag).join(' ')}.`);

  return parts.join(' ');
}

function pointOfView(view: BrandBrain['voice']['pointOfView']): string {
  if (view === 'i') return 'Write in the first person singular ("I").';
  if (view === 'brand_name') return 'Refer to the brand by its name, not as "we" or "I".';
  return 'Write in the first person plural ("we").';
}

// Building an Intl.DisplayNames is slow (about a millisecond); one serves every prompt.
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function section(title: string, parts: string[]): string {
  const body = parts.filter((part) => part.trim() !== '').join('\n');
  return body === '' ? '' : `## ${title}\n${body}`;
}

function line(label: string, value: string): string {
  return value.trim() === '' ? '' : `${label}: ${value.trim()}`;
}

function bullets(label: string, items: string[]): string {
  return items.length === 0 ? '' : `${label}:\n${items.map((item) => `- ${item}`).join('\n')}`;
}

function quote(word: string): string {
  return `"${word}"`;
}

function hashtag(tag: string): string {
  return `#${tag.trim().replace(/^#+/, '')}`;
}
