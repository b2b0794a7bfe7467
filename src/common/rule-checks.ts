import type { BrandBrain } from './brand-brain';
import { captionProblems, extractHashtags, type Platform } from './platforms';

/**
 * Checks a draft against the brand's rules and the platform's limits. Pure and
 * shared: the server checks every AI draft with it, the editor shows the same
 * warnings live while a person types.
 *
 * How words match. Banned words and phrases match whole words, ignoring case
 * but not accents: `olcsó` catches `Olcsó` and `OLCSÓ`, not `olcso`. In
 * Hungarian an accent makes another word (`kor` age, `kór` disease, `kör`
 * circle), so folding accents would flag innocent text. Word edges are
 * Unicode letters, marks and digits, so `olcsó!` and `#olcsó` match while
 * `olcsóbb` does not; end an entry with `*` (`olcsó*`) to catch every word
 * that starts with it, which suits languages that add suffixes.
 */
export type RuleName =
  | 'platform_limit'
  | 'banned_word'
  | 'banned_hashtag'
  | 'missing_disclaimer'
  | 'emoji'
  | 'missing_hashtag'
  | 'too_many_hashtags';

export interface RuleWarning {
  rule: RuleName;
  message: string;
}

/** The part of the Brand Brain the checks read, so the editor can pass a draft brain. */
export type BrandRules = Pick<BrandBrain, 'vocabulary' | 'style'>;

/** How many emoji "sparingly" allows in one post. */
export const SPARING_EMOJI_LIMIT = 3;

const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;

// Built at run time: the `v` flag (emoji sequences as one match) is newer than the
// TypeScript target, and every current browser and Node 20 support it.
const EMOJI = new RegExp(String.raw`\p{RGI_Emoji}`, 'gv');

/**
 * Every rule the text breaks, in plain words; empty when it follows them all.
 *
 * @example
 *   checkDraft('Olcsó ajánlat! 🎉🎉🎉🎉', 'instagram', brain);
 *   // [{ rule: 'banned_word', ... }, { rule: 'emoji', ... }]
 */
export function checkDraft(text: string, platform: Platform, rules: BrandRules): RuleWarning[] {
  const normalized = text.normalize('NFC');

  return [
    ...captionProblems(platform, normalized).map((message) => ({
      rule: 'platform_limit' as const,
      message: `${message}.`,
    })),
    ...checkBannedWords(normalized, rules.vocabulary.banned),
    ...checkHashtags(normalized, rules.style.hashtags),
    ...checkDisclaimers(normalized, rules.vocabulary.requiredDisclaimers),
    ...checkEmoji(normalized, rules.style.emoji),
  ];
}

/** Where `banned` occurs in `text` as a whole word or phrase (case-insensitive, accent-exact). */
export function findBannedWord(text: string, banned: string): string[] {
  const pattern = bannedWordPattern(banned);
  if (!pattern) return [];
  return [...text.normalize('NFC').matchAll(pattern)].map((match) => match[0]);
}

/** Emoji in order of appearance; a family or a flag counts as one. */
export function extractEmoji(text: string): string[] {
  return text.match(EMOJI) ?? [];
}

function checkBannedWords(text: string, banned: string[]): RuleWarning[] {
  return banned.flatMap((word) => {
    const found = findBannedWord(text, word);
    if (found.length === 0) return [];

    const shown = [...new Set(found)].map((match) => `"${match}"`).join(', ');
    return [
      {
        rule: 'banned_word' as const,
        message: `Uses the banned word "${word}" (${shown}). Replace it or leave it out.`,
      },
    ];
  });
}

function bannedWordPattern(banned: string): RegExp | undefined {
  const trimmed = banned.normalize('NFC').trim();
  const prefix = trimmed.endsWith('*');
  const words = (prefix ? trimmed.slice(0, -1) : trimmed).split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;

  const body = words.map(escapeRegExp).join(String.raw`\s+`);
  const tail = prefix ? `${WORD_CHAR}*` : '';
  return new RegExp(`(?<!${WORD_CHAR})${body}${tail}(?!${WORD_CHAR})`, 'giu');
}

function checkHashtags(text: string, policy: BrandRules['style']['hashtags']): RuleWarning[] {
  const tags = extractHashtags(text);
  const used = new Set(tags.map(tagKey));
  const warnings: RuleWarning[] = [];

  for (const banned of policy.banned) {
    if (used.has(tagKey(banned))) {
      warnings.push({
        rule: 'banned_hashtag',
        message: `Uses the banned hashtag #${stripHash(banned)}. Remove it.`,
      });
    }
  }

  const missing = policy.alwaysUse.filter((tag) => !used.has(tagKey(tag)));
  if (missing.length > 0) {
    const list = missing.map((tag) => `#${stripHash(tag)}`).join(' ');
    warnings.push({
      rule: 'missing_hashtag',
      message: `Missing the brand's hashtag${missing.length > 1 ? 's' : ''} ${list}. Add ${missing.length > 1 ? 'them' : 'it'}.`,
    });
  }

  if (tags.length > policy.max) {
    warnings.push({
      rule: 'too_many_hashtags',
      message: `Has ${tags.length} hashtags; the brand uses at most ${policy.max}. Remove ${tags.length - policy.max}.`,
    });
  }

  return warnings;
}

function checkDisclaimers(text: string, disclaimers: string[]): RuleWarning[] {
  const haystack = comparable(text);

  return disclaimers
    .filter((disclaimer) => !haystack.includes(comparable(disclaimer)))
    .map((disclaimer) => ({
      rule: 'missing_disclaimer' as const,
      message: `Missing the required disclaimer "${disclaimer}". Add it word for word.`,
    }));
}

function checkEmoji(text: string, policy: BrandRules['style']['emoji']): RuleWarning[] {
  const count = extractEmoji(text).length;

  if (policy === 'none' && count > 0) {
    return [
      {
        rule: 'emoji',
        message: `Has ${count} emoji; the brand uses none. Remove ${count > 1 ? 'them' : 'it'}.`,
      },
    ];
  }

  if (policy === 'sparingly' && count > SPARING_EMOJI_LIMIT) {
    return [
      {
        rule: 'emoji',
        message: `Has ${count} emoji; the brand uses them sparingly (at most ${SPARING_EMOJI_LIMIT}). Remove ${count - SPARING_EMOJI_LIMIT}.`,
      },
    ];
  }

  return [];
}

function tagKey(tag: string): string {
  return stripHash(tag).normalize('NFC').toLowerCase();
}

function stripHash(tag: string): string {
  return tag.trim().replace(/^#+/, '');
}

function comparable(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
