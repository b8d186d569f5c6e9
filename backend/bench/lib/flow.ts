import { randomUUID } from 'node:crypto';
import { postJson } from './http.js';
import { cpuSeconds } from './proc.js';
import type { ServerProcess } from './servers.js';
import { msSince, nowNs, sleep, summarise, type LatencySummary } from './stats.js';
import type { ClientPool } from './workers.js';

/** Where one message goes: the app's POST /api/messages/:receiverId, or the baseline's POST /send/:room. */
export interface Route {
  receiverKey: string;
  senderCookie?: string;
}

export interface FlowResult {
  target: ServerProcess['kind'];
  receivers: number;
  rate: number;
  seconds: number;
  sent: number;
  accepted: number;
  failed: number;
  /** accepted (2xx) but never received by the receiver's socket */
  lost: number;
  delivery: LatencySummary;
  /** POST start → HTTP answer */
  answer: LatencySummary;
  /** server CPU (user + system) per accepted message, in ms */
  cpuMsPerMessage: number;
  /** the database's CPU per accepted message, in ms (embedded FerretDB only) */
  databaseCpuMsPerMessage: number | null;
  /** messages/s actually accepted */
  achievedRate: number;
  errors: Record<string, number>;
}

export interface FlowOptions {
  server: ServerProcess;
  pool: ClientPool;
  routes: Route[];
  rate: number;
  durationMs: number;
  /** how long to wait for the last deliveries after the last answer */
  settleMs?: number;
  /** runs beside the flow (the login burst) */
  during?: () => Promise<void>;
  databasePid?: number | undefined;
}

let runCounter = 0;

/** The delivery latency of each accepted message, waiting up to `settleMs` for the last ones to arrive. */
async function collectDeliveries(pool: FlowOptions['pool'], accepted: ReadonlySet<number>, settleMs: number) {
  const settleUntil = Date.now() + settleMs;
  const received = new Map<number, number>();
  for (;;) {
    const { messages } = await pool.drain();
    for (const [seq, latency] of messages) if (!received.has(seq)) received.set(seq, latency);
    if ([...accepted].every((seq) => received.has(seq)) || Date.now() > settleUntil) break;
    await sleep(200);
  }
  await pool.record(false);
  return new Map([...received].filter(([seq]) => accepted.has(seq)));
}

/**
 * Open-loop senders: messages go out at `rate` per second whatever the server's answers, round-robin
 * over the routes; each text carries its number and its send time (monotonic ns), and the client
 * workers time its arrival.
 */
export async function messageFlow(options: FlowOptions): Promise<FlowResult> {
  const { server, pool, routes, rate, durationMs } = options;
  const run = ++runCounter;
  await pool.drain();
  await pool.record(true);
  const cpuStart = server.cpuSeconds();
  const databaseCpuStart = options.databasePid ? cpuSeconds(options.databasePid) : 0;
  const answers: number[] = [];
  const accepted = new Set<number>();
  const errors: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let sent = 0;

  const sendOne = (seq: number) => {
    const route = routes[seq % routes.length]!;
    const started = nowNs();
    const text = `bench ${seq} ${started}`;
    const request =
      server.kind === 'app'
        ? postJson(
            `${server.url}/api/messages/${route.receiverKey}`,
            { text, clientId: `b${run}-${seq}-${randomUUID().slice(0, 8)}` },
            {
              cookie: route.senderCookie!,
              origin: server.origin,
            },
          )
        : postJson(`${server.url}/send/${route.receiverKey}`, { text });
    const done = request.then(
      (answer) => {
        answers.push(msSince(started));
        if (answer.status >= 200 && answer.status < 300) accepted.add(seq);
        else errors[`HTTP ${answer.status}`] = (errors[`HTTP ${answer.status}`] ?? 0) + 1;
      },
      (error: Error) => {
        errors[error.message] = (errors[error.message] ?? 0) + 1;
      },
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const started = nowNs();
  const during = options.during?.();
  while (msSince(started) < durationMs) {
    const due = Math.floor((msSince(started) / 1000) * rate);
    while (sent < due) sendOne(sent++);
    await sleep(2);
  }
  const sendingMs = msSince(started);
  // Every answer within 30 s, then the deliveries that go with them.
  await Promise.race([Promise.all([...inFlight]), sleep(30_000)]);
  await during;
  const serverCpu = server.cpuSeconds() - cpuStart;
  const databaseCpu = options.databasePid ? cpuSeconds(options.databasePid) - databaseCpuStart : null;
  const received = await collectDeliveries(pool, accepted, options.settleMs ?? 15_000);
  const failed = sent - accepted.size;
  return {
    target: server.kind,
    receivers: 0,
    rate,
    seconds: Math.round(sendingMs / 100) / 10,
    sent,
    accepted: accepted.size,
    failed,
    lost: accepted.size - received.size,
    delivery: summarise([...received.values()]),
    answer: summarise(answers),
    cpuMsPerMessage: accepted.size ? Math.round((serverCpu * 1000 * 1000) / accepted.size) / 1000 : Number.NaN,
    databaseCpuMsPerMessage:
      databaseCpu !== null && accepted.size ? Math.round((databaseCpu * 1000 * 1000) / accepted.size) / 1000 : null,
    achievedRate: Math.round(accepted.size / (sendingMs / 1000)),
    errors,
  };
}
