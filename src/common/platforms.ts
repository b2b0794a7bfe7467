/**
 * What Facebook and Instagram accept, and how they count. Shared by the server
 * (validation at schedule time, AI rule checks) and the client (live counters),
 * so both sides always agree.
 */
export const PLATFORMS = ['facebook', 'instagram'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
};

export interface PlatformLimits {
  /** Caption length in Unicode code points. */
  maxCaption: number;
  maxHashtags: number;
  maxMentions: number;
  minImages: number;
  maxImages: number;
}

export const LIMITS: Record<Platform, PlatformLimits> = {
  // Facebook allows 63,206 characters; hashtags and mentions are not capped.
  facebook: {
    maxCaption: 63_206,
    maxHashtags: Infinity,
    maxMentions: Infinity,
    minImages: 0,
    maxImages: 10,
  },
  instagram: { maxCaption: 2_200, maxHashtags: 30, maxMentions: 20, minImages: 1, maxImages: 10 },
};

/** Characters as the platforms count them: code points, so `ő` or `🎉` counts once. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

// A tag starts after a non-word character (or the start) and runs over letters,
// marks and digits in any script, plus underscores: `#nyár2025` is one tag,
// and punctuation glued after it (`#sale!`) is not part of it.
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&#])#([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;
const MENTION = /(?<![\p{L}\p{M}\p{N}_@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)/gu;

/** Hashtags in order of appearance, without the `#`. */
export function extractHashtags(text: string): string[] {
  return [...text.normalize('NFC').matchAll(HASHTAG)].map((match) => match[1]!);
}

/** @mentions in order of appearance, without the `@`. */
export function extractMentions(text: string): string[] {
  return [...text.normalize('NFC').matchAll(MENTION)].map((match) => match[1]!);
}

export interface CaptionCounts {
  characters: number;
  hashtags: number;
  mentions: number;
}

export function countCaption(text: string): CaptionCounts {
  return {
    characters: countCharacters(text),
    hashtags: extractHashtags(text).length,
    mentions: extractMentions(text).length,
  };
}

/** Human-readable problems with a caption on one platform; empty when it fits. */
export function captionProblems(platform: Platform, text: string): string[] {
  const limits = LIMITS[platform];
  const counts = countCaption(text);
  const label = PLATFORM_LABELS[platform];
  const problems: string[] = [];

  if (counts.characters > limits.maxCaption) {
    problems.push(
      `${label} captions can be at most ${limits.maxCaption.toLocaleString('en')} characters (this one has ${counts.characters.toLocaleString('en')})`,
    );
  }
  if (counts.hashtags > limits.maxHashtags) {
    problems.push(
      `${label} allows at most ${limits.maxHashtags} hashtags (this caption has ${counts.hashtags})`,
    );
  }
  if (counts.mentions > limits.maxMentions) {
    problems.push(
      `${label} allows at most ${limits.maxMentions} @mentions (this caption has ${counts.mentions})`,
    );
  }

  return problems;
}
