/**
 * Sends `send` at `rate` per second in total over `connections` loops, each
 * loop's slots offset so the requests spread evenly rather than in bursts.
 * A latency counts from when its request was due, so a slow answer also
 * delays the requests queued behind it (no coordinated omission).
 */
export async function pacedLoad(options: {
  connections: number;
  rate: number;
  seconds: number;
  send: (loop: number) => Promise<void>;
}): Promise<number[]> {
  const { connections, rate, seconds, send } = options;
  const samples: number[] = [];
  const interval = (connections * 1000) / rate;
  const start = performance.now();
  const until = start + seconds * 1000;

  await Promise.all(
    Array.from({ length: connections }, async (_, loop) => {
      for (let due = start + (interval * loop) / connections; due < until; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await send(loop);
        samples.push(performance.now() - due);
      }
    }),
  );

  return samples;
}

/** Back-to-back requests over `connections` loops for `seconds`. */
export async function saturatedLoad(options: {
  connections: number;
  seconds: number;
  send: (loop: number) => Promise<void>;
}): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + options.seconds * 1000;

  await Promise.all(
    Array.from({ length: options.connections }, async (_, loop) => {
      while (performance.now() < until) {
        const sent = performance.now();
        await options.send(loop);
        samples.push(performance.now() - sent);
      }
    }),
  );

  return samples;
}

export interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

export function figures(samples: number[], seconds: number): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), rps: samples.length / seconds };
}
