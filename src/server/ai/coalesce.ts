import { setTimeout as sleep } from 'node:timers/promises';

const WINDOW_CLOSED = Symbol('window closed');

/**
 * Groups what `source` yields into batches, at most one batch per `windowMs`.
 *
 * A model streams a few characters at a time, often hundreds of pieces per
 * answer, and every piece sent on as its own event costs a serialisation, an
 * SSE frame and a socket write. Nobody reads faster than a screen refreshes,
 * so pieces that arrive within one window travel together. Nothing waits that
 * a person would notice: the first item goes out at once (the time to first
 * token is untouched), and an `urgent` item (the end of the answer) ends its
 * batch at once. Order is kept and nothing is dropped; an error from `source`
 * is thrown once the items before it have been handed on.
 *
 * @example
 *   for await (const batch of coalesce(provider.stream(call), 25, (c) => c.type === 'end')) {
 *     send(batch.map((chunk) => chunk.text).join(''));
 *   }
 */
export async function* coalesce<T>(
  source: AsyncIterable<T>,
  windowMs: number,
  urgent: (item: T) => boolean = () => false,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let batch: T[] = [];
  let windowEnds = 0;
  let closing: Promise<typeof WINDOW_CLOSED> | undefined;
  let next = iterator.next();
  let finished = false;

  try {
    for (;;) {
      if (batch.length > 0 && performance.now() >= windowEnds) {
        yield batch;
        batch = [];
        windowEnds = performance.now() + windowMs;
        closing = undefined;
      }

      let result: IteratorResult<T> | typeof WINDOW_CLOSED;
      try {
        if (batch.length === 0) {
          result = await next;
        } else {
          closing ??= sleep(windowEnds - performance.now(), WINDOW_CLOSED, { ref: false });
          result = await Promise.race([next, closing]);
        }
      } catch (error) {
        finished = true;
        if (batch.length > 0) yield batch;
        throw error;
      }

      if (result === WINDOW_CLOSED) continue;
      if (result.done) {
        finished = true;
        if (batch.length > 0) yield batch;
        return;
      }

      batch.push(result.value);
      next = iterator.next();
      if (urgent(result.value)) windowEnds = 0;
    }
  } finally {
    // Stopped early (the person went away): let the source close its request.
    // Not awaited, since a source waiting for its next piece answers `return`
    // only after that piece; the caller's abort signal ends that wait.
    if (!finished) void iterator.return?.()?.catch(() => {});
  }
}
