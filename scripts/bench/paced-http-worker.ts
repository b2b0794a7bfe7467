// A worker thread for `pacedHttp`: keeps the load generator off the event
// loop of the server it measures.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { pacedLoad } from './paced-load';

const { url, headers, connections, rate, seconds } = workerData as {
  url: string;
  headers: Record<string, string>;
  connections: number;
  rate: number;
  seconds: number;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
let failures = 0;

const get = () =>
  new Promise<void>((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      if (response.statusCode !== 200) failures += 1;
      response.resume();
      response.on('end', resolve);
    });
    request.on('error', reject);
  });

const samples = await pacedLoad({ connections, rate, seconds, send: get });
agent.destroy();
parentPort!.postMessage({ samples, failures });
