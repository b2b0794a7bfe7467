import { setTimeout as sleep } from 'node:timers/promises';
import { findBannedWord } from '../../common/rule-checks';
import type { AiProvider, CallContext, DraftCall, StreamChunk } from './provider';

/**
 * The sample writer: used when no AI provider is configured, so the whole
 * flow can be tried without accounts. It writes no prose of its own; it
 * assembles the brief and the Brand Brain's own words (signature phrases,
 * call to action, disclaimers, hashtags) into posts that follow the brand's
 * rules. Answers are labelled `provider: 'sandbox'` so the client can say
 * that this is sample text, not AI.
 */
export const SANDBOX_MODEL = 'sample-writer';

const CHUNK_CHARACTERS = 24;
const CHUNK_DELAY_MS = 5;

export function createSandboxProvider(): AiProvider {
  const answer = (output: string) => ({
    output,
    model: SANDBOX_MODEL,
    usage: { promptTokens: 0, completionTokens: 0 },
    finishReason: 'stop',
  });

  return {
    name: 'sandbox',
    model: SANDBOX_MODEL,

    async draft(call) {
      return answer(sampleOutput(call));
    },

    async *stream(call): AsyncGenerator<StreamChunk> {
      const output = sampleOutput(call);
      for (let index = 0; index < output.length; index += CHUNK_CHARACTERS) {
        if (call.limits.signal?.aborted) return;
        yield { type: 'text', text: output.slice(index, index + CHUNK_CHARACTERS) };
        await sleep(CHUNK_DELAY_MS);
      }
      const { output: _, ...end } = answer(output);
      yield { type: 'end', ...end };
    },

    async rewrite(call) {
      const text =
        call.context.instruction === 'shorten' ? shorten(call.context.text) : call.context.text;
      const { output: _, ...rest } = answer('');
      return { ...rest, text };
    },
  };
}

function sampleOutput(call: DraftCall): string {
  const variants = Array.from({ length: call.variants }, (_, index) =>
    samplePost(call.context, index),
  );
  return JSON.stringify({ variants });
}

/** One sample post; the index picks a different opening so variants differ. */
export function samplePost(
  context: CallContext,
  index: number,
): { text: string; hashtags: string[] } {
  const { brain, brandName } = context;
  const brief = withoutBannedWords(firstSentence(context.brief), brain.vocabulary.banned);
  const phrases = brain.vocabulary.signaturePhrases;
  const emoji = brain.style.emoji === 'none' ? '' : ' ✨';

  const openings = [
    `${brief}${emoji}`,
    phrases[index % Math.max(1, phrases.length)] ?? `${brandName}: ${brief}`,
    `${brandName}: ${brief}`,
  ];
  const opening = openings[index % openings.length] ?? brief;

  const lines = [
    opening,
    opening.includes(brief) ? '' : brief,
    brain.style.callToAction,
    ...brain.vocabulary.requiredDisclaimers,
  ].filter((line) => line.trim() !== '');

  const hashtags = brain.style.hashtags.alwaysUse
    .map((tag) => tag.replace(/^#+/, ''))
    .slice(0, brain.style.hashtags.max);

  return { text: lines.join('\n\n'), hashtags };
}

function firstSentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const end = trimmed.search(/[.!?](\s|$)/);
  return end > 0 ? trimmed.slice(0, end + 1) : trimmed;
}

function withoutBannedWords(text: string, banned: string[]): string {
  let result = text;
  for (const word of banned) {
    for (const found of findBannedWord(result, word)) result = result.replace(found, '');
  }
  return result.replace(/\s{2,}/g, ' ').trim();
}

function shorten(text: string): string {
  const sentences = text.match(/[^.!?\n]+[.!?]*\s*/g) ?? [text];
  const target = text.length / 2;
  let result = '';
  for (const sentence of sentences) {
    if (result.length > 0 && result.length + sentence.length > target) break;
    result += sentence;
  }
  return result.trim();
}
