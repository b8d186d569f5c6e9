import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../lib/context.js';
import { atMost, type Row } from '../lib/report.js';
import { startApp, type ServerProcess } from '../lib/servers.js';
import { msSince, nowNs, sleep, summarise } from '../lib/stats.js';
import type { UploadJob, UploadOutcome } from './uploads-client.js';

const UPLOADS = 100;
const TARGET_RSS_GROWTH_MB = 64;
const TARGET_HEALTH_P99_MS = 250;

interface Watched<T> {
  result: T;
  rssGrowthMb: number;
  health: number[];
}

/** Runs `during` while sampling the server's RSS and timing /api/health one request after another. */
async function watch<T>(server: ServerProcess, during: () => Promise<T>): Promise<Watched<T>> {
  const rssBefore = server.rssMb();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssMb())), 50);
  const health: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const started = nowNs();
      await new Promise<void>((resolve) => {
        http
          .get(`${server.url}/api/health`, { agent: false }, (response) => response.resume().on('end', resolve))
          .on('error', () => resolve());
      });
      health.push(msSince(started));
      await sleep(20);
    }
  })();
  try {
    const result = await during();
    await sleep(500);
    return { result, rssGrowthMb: rssPeak - rssBefore, health };
  } finally {
    running = false;
    clearInterval(sampler);
    await probe;
  }
}

/**
 * The uploads run in a child process: pumping 1 GB through 100 sockets is real work, and in this
 * process it would delay the health probe and be counted as the server's latency.
 */
function uploadFromWorker(job: UploadJob): Promise<UploadOutcome[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./uploads-client.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
    child.once('message', (outcomes: UploadOutcome[]) => {
      resolve(outcomes);
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`upload client exited with ${code}`)));
    child.send(job);
  });
}

/**
 * 7. Refused uploads (issue 12 item 1): 100 parallel 10 MB uploads from a patient to a doctor they
 * may not message. The server must answer 403 before reading the bodies: its RSS barely moves and
 * the health check stays quick. The baseline is the same server, same run, with no uploads.
 */
export async function uploadsScenario(context: BenchContext): Promise<Row[]> {
  const scenario = '7 refused uploads';
  // linkedPatients[0] consulted doctors[0] only: doctors[1] is someone they may not message.
  const sender = context.population.linkedPatients[0]!;
  const receiver = context.population.doctors[1]!;
  const server = await startApp({ mongoUri: context.mongoUri });
  try {
    await sleep(2_000);
    const quiet = await watch(server, () => sleep(5_000));
    const job = { url: server.url, origin: server.origin, cookie: sender.cookie!, receiverId: receiver.id, count: UPLOADS };
    const loaded = await watch(server, () => uploadFromWorker(job));
    const refused = loaded.result.filter((outcome) => outcome.status === 403).length;
    const early = loaded.result.filter((outcome) => outcome.status === 403 && outcome.early).length;
    const quietHealth = summarise(quiet.health);
    const loadedHealth = summarise(loaded.health);
    context.log(
      `  uploads: ${refused}/${UPLOADS} refused (${early} before the body was sent), RSS +${loaded.rssGrowthMb.toFixed(1)} MB`,
    );
    return [
      {
        scenario,
        metric: `refused with 403 of ${UPLOADS}`,
        value: refused,
        unit: '',
        target: `${UPLOADS}`,
        pass: refused === UPLOADS,
      },
      {
        scenario,
        metric: 'refused before the body was sent',
        value: early,
        unit: '',
        target: `${UPLOADS}`,
        pass: early === UPLOADS,
      },
      {
        scenario,
        metric: 'server RSS growth',
        value: Number(loaded.rssGrowthMb.toFixed(1)),
        unit: 'MB',
        target: `≤ ${TARGET_RSS_GROWTH_MB}`,
        baseline: Number(quiet.rssGrowthMb.toFixed(1)),
        pass: atMost(loaded.rssGrowthMb, TARGET_RSS_GROWTH_MB),
      },
      {
        scenario,
        metric: '/api/health p99',
        value: loadedHealth.p99,
        unit: 'ms',
        target: `≤ ${TARGET_HEALTH_P99_MS}`,
        baseline: quietHealth.p99,
        pass: atMost(loadedHealth.p99, TARGET_HEALTH_P99_MS),
        note: `max ${loadedHealth.max} ms over ${loaded.health.length} checks`,
      },
    ];
  } finally {
    await server.stop();
  }
}
