import { Worker } from 'node:worker_threads';

/** GETs `url` at `rate` per second over `connections` keep-alive sockets, from a worker thread. */
export function pacedHttp(options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  rate: number;
  seconds: number;
}): Promise<{ samples: number[]; failures: number }> {
  const worker = new Worker(new URL('./paced-http-worker.mjs', import.meta.url), {
    workerData: options,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}
