import { useState } from 'react';
import type { Platform } from '../../../common/platforms';
import { trpc, type RouterOutputs } from '../../trpc';

type StreamEvent = RouterOutputs['ai']['draftStream'] extends AsyncIterable<infer E> ? E : never;
export type DraftResult = Extract<StreamEvent, { type: 'done' }>;
export type Draft = DraftResult['drafts'][number];

export interface DraftRequest {
  brandId: string;
  brief: string;
  platform: Platform;
  variants: number;
}

/**
 * Drafts over the `ai.draftStream` subscription: `texts` grows as the model
 * writes, `result` holds the checked drafts once they are done.
 */
export function useDraftStream() {
  const [request, setRequest] = useState<(DraftRequest & { run: number }) | null>(null);
  const [texts, setTexts] = useState<string[]>([]);
  const [result, setResult] = useState<DraftResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [platform, setPlatform] = useState<Platform>('facebook');

  const { run: _run, ...input } = request ?? {
    run: 0,
    brandId: '',
    brief: '',
    platform: 'facebook',
    variants: 1,
  };

  trpc.ai.draftStream.useSubscription(input, {
    enabled: request !== null,
    onData: (event) => {
      if (event.type === 'reset') setTexts([]);
      if (event.type === 'delta') {
        setTexts((previous) => {
          const next = [...previous];
          next[event.variant] = (next[event.variant] ?? '') + event.text;
          return next;
        });
      }
      if (event.type === 'done') {
        setResult(event);
        setRequest(null);
      }
    },
    onError: (failure) => {
      setError(failure);
      setRequest(null);
    },
  });

  const start = (next: DraftRequest) => {
    setTexts([]);
    setResult(null);
    setError(null);
    setPlatform(next.platform);
    setRequest({ ...next, run: Date.now() });
  };

  return { start, streaming: request !== null, texts, result, error, platform };
}
