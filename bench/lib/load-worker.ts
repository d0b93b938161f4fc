/**
 * The load generator, run as its own process so its work is not counted against the server:
 * POSTs one signed body (GitHub signs the body, not the delivery id) with a fresh delivery id
 * per request, over keep-alive connections, `concurrency` at a time, for `seconds`, or paced at
 * `rate` requests per second. Prints latencies (ms) and counts as JSON on stdout.
 */
import { Agent, request } from "node:http";

interface Options {
  url: string;
  body: string;
  headers: Record<string, string>;
  concurrency: number;
  seconds: number;
  /** Requests per second in total; 0 for as fast as they are answered. */
  rate: number;
  prefix: string;
}

const options = JSON.parse(process.argv[2] ?? "{}") as Options;
const target = new URL(options.url);
const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
const body = Buffer.from(options.body);
let sent = 0;
const latencies: number[] = [];
const statuses: Record<string, number> = {};

function post(): Promise<void> {
  const id = `${options.prefix}-${++sent}`;
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { ...options.headers, "x-github-delivery": id, "content-length": body.length } },
      (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      },
    );
    req.on("error", () => {
      statuses.error = (statuses.error ?? 0) + 1;
      resolve();
    });
    req.end(body);
  });
}

async function main() {
  const end = Date.now() + options.seconds * 1000;
  const started = Date.now();
  const lane = async (index: number) => {
    // Paced lanes start at their slot and keep to it, so the offered load stays the same whatever the latency.
    const interval = options.rate > 0 ? (1000 * options.concurrency) / options.rate : 0;
    let next = Date.now() + (interval * index) / options.concurrency;
    while (Date.now() < end) {
      if (interval > 0) {
        const wait = next - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        next += interval;
      }
      await post();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => lane(i)));
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  process.stdout.write(JSON.stringify({ elapsed, latencies, statuses }));
}

void main();
