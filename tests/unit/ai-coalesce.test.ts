import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/server/ai/coalesce';

/** Yields each item after waiting its delay in milliseconds. */
async function* paced(items: Array<[delayMs: number, value: string]>) {
  for (const [delayMs, value] of items) {
    await sleep(delayMs);
    yield value;
  }
}

async function collect<T>(batches: AsyncIterable<T[]>) {
  const started = performance.now();
  const seen: Array<{ items: T[]; atMs: number }> = [];
  for await (const items of batches) seen.push({ items, atMs: performance.now() - started });
  return seen;
}

describe('coalesce', () => {
  it('sends the first item at once and groups the ones that follow within the window', async () => {
    const source = paced([
      [0, 'a'],
      [5, 'b'],
      [5, 'c'],
      [5, 'd'],
      [200, 'e'],
    ]);

    const batches = await collect(coalesce(source, 100));

    expect(batches.map((batch) => batch.items)).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    expect(batches[0]!.atMs).toBeLessThan(50);
    // b, c and d left when the window closed, long before e arrived.
    expect(batches[1]!.atMs).toBeLessThan(180);
  });

  it('ends a batch at once on an urgent item', async () => {
    const source = paced([
      [0, 'a'],
      [5, 'b'],
      [5, 'end'],
    ]);

    const batches = await collect(coalesce(source, 10_000, (item) => item === 'end'));

    expect(batches.map((batch) => batch.items)).toEqual([['a'], ['b', 'end']]);
    expect(batches[1]!.atMs).toBeLessThan(1_000);
  });

  it('keeps every item in order when the source is faster than any window', async () => {
    const values = Array.from({ length: 500 }, (_, index) => String(index));
    async function* burst() {
      yield* values;
    }

    const batches = await collect(coalesce(burst(), 5));

    expect(batches.flatMap((batch) => batch.items)).toEqual(values);
  });

  it('hands on the items before an error, then throws it', async () => {
    async function* failing() {
      yield 'a';
      await sleep(5);
      yield 'b';
      throw new Error('connection reset');
    }
    const seen: string[][] = [];

    const run = async () => {
      for await (const batch of coalesce(failing(), 1_000)) seen.push(batch);
    };

    await expect(run()).rejects.toThrow('connection reset');
    expect(seen).toEqual([['a'], ['b']]);
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* endless() {
      try {
        for (let index = 0; ; index++) {
          yield index;
          await sleep(1);
        }
      } finally {
        closed = true;
      }
    }

    for await (const batch of coalesce(endless(), 5)) {
      if (batch.length > 0) break;
    }
    await sleep(20);

    expect(closed).toBe(true);
  });
});
