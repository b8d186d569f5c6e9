import { io, type Socket } from 'socket.io-client';
import { fetchSocketTicket } from '../../test/socket-ticket.js';
import type { BenchContext } from '../lib/context.js';
import { growTo, seedGrowthWorld, type GrowthPerson, type GrowthWorld } from '../lib/growth-seed.js';
import { postJson } from '../lib/http.js';
import { cpuMeter } from '../lib/proc.js';
import type { Row } from '../lib/report.js';
import { startApp, type ServerProcess } from '../lib/servers.js';
import { median, msSince, nowNs } from '../lib/stats.js';

/*
 * 9. Data growth (issue 17): the pages and queries a clinic uses every minute, at 10,000, 60,000 and
 * 200,000 stored messages in one database. The figures that matter are the growth ratios: a hot path
 * that reads by index or `_id` stays flat; one that scans the collection grows with it.
 */

interface Probe {
  name: string;
  /** one timed request (setup outside the timing is the probe's own business) */
  once(server: ServerProcess, world: GrowthWorld, rep: number): Promise<number>;
}

async function getJson(server: ServerProcess, path: string, cookie: string): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = nowNs();
  await work();
  return msSince(started);
}

const newestPage =
  (index: number): Probe['once'] =>
  (server, world) =>
    timed(() => getJson(server, `/api/messages/${world.patients[index]!.id}`, world.doctor.cookie));

async function send(server: ServerProcess, from: GrowthPerson, to: GrowthPerson, text: string): Promise<string> {
  const answer = await postJson(
    `${server.url}/api/messages/${to.id}`,
    { clientId: `growth-${Date.now()}-${Math.floor(Math.random() * 1e9)}`, text },
    { cookie: from.cookie, origin: server.origin },
  );
  if (answer.status !== 201) throw new Error(`send: ${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as { message: { id: string } }).message.id;
}

/** The patient writes (untimed), then the doctor's read receipt is timed. */
const markRead: Probe['once'] = async (server, world, rep) => {
  const patient = world.patients[2 + (rep % 90)]!;
  const upTo = await send(server, patient, world.doctor, `unread ${rep}`);
  return timed(async () => {
    const answer = await postJson(
      `${server.url}/api/messages/${patient.id}/read`,
      { upTo },
      { cookie: world.doctor.cookie, origin: server.origin },
    );
    if (answer.status >= 300) throw new Error(`read: ${answer.status} ${JSON.stringify(answer.body)}`);
  });
};

/** After a reconnect the thread asks for what came after its newest message: here the last 20. */
const catchUp: Probe['once'] = async (server, world) => {
  const { messages } = (await getJson(server, `/api/messages/${world.patients[1]!.id}?limit=21`, world.doctor.cookie)) as {
    messages: { id: string }[];
  };
  const after = messages[0]!.id;
  return timed(() => getJson(server, `/api/messages/${world.patients[1]!.id}?after=${after}`, world.doctor.cookie));
};

async function connect(server: ServerProcess, person: GrowthPerson): Promise<Socket> {
  const ticket = await fetchSocketTicket(server.url, person.cookie, server.origin);
  const socket = io(server.url, { transports: ['websocket'], auth: { ticket }, extraHeaders: { origin: server.origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * The doctor rings a patient while four chat pages open (the long thread's newest page, in flight
 * together): the time from `call-user` to the callee's `call-made`.
 */
const callSetup: Probe['once'] = async (server, world, rep) => {
  const callee = world.patients[3 + (rep % 90)]!;
  const [caller, ringing] = await Promise.all([connect(server, world.doctor), connect(server, callee)]);
  try {
    const chatPages = Array.from({ length: 4 }, () =>
      getJson(server, `/api/messages/${world.patients[1]!.id}`, world.doctor.cookie),
    );
    const callId = `growth-call-${rep}-${Date.now()}`;
    const ms = await timed(
      () =>
        new Promise<void>((resolve, reject) => {
          ringing.once('call-made', () => resolve());
          caller.emit(
            'call-user',
            { to: callee.id, callId, offer: { type: 'offer', sdp: 'v=0' }, video: true },
            (ack: { ok: boolean; error?: unknown }) => {
              if (!ack?.ok) reject(new Error(`call-user refused: ${JSON.stringify(ack)}`));
            },
          );
        }),
    );
    await new Promise((resolve) => caller.emit('call-end', { callId }, resolve));
    await Promise.all(chatPages);
    return ms;
  } finally {
    caller.disconnect();
    ringing.disconnect();
  }
};

const PROBES: Probe[] = [
  { name: 'newest page, 100-message thread', once: newestPage(0) },
  { name: 'newest page, long thread', once: newestPage(1) },
  {
    name: 'conversation list, 100 patients with unread counts',
    once: (server, world) => timed(() => getJson(server, '/api/messages/conversations', world.doctor.cookie)),
  },
  { name: 'mark read', once: markRead },
  { name: 'catch-up after a reconnect (20 missed)', once: catchUp },
  { name: 'call setup with 4 chat pages opening', once: callSetup },
];

interface Figure {
  ms: number | null;
  dbCpuMs: number | null;
  failed: number;
}

interface Point {
  stored: number;
  startupMs: number;
  /** probe → median ms of the requests that succeeded, database CPU ms per request, failed requests */
  figures: Map<string, Figure>;
}

async function measureAt(context: BenchContext, uri: string, world: GrowthWorld, reps: number): Promise<Point> {
  const started = nowNs();
  const server = await startApp({ mongoUri: uri });
  const startupMs = msSince(started);
  const figures = new Map<string, Figure>();
  try {
    for (const probe of PROBES) {
      // Warm: the first request also fills the server's caches. A refusal (the app answers 503 when
      // the database does not answer in time) is a result at this size, not the end of the run.
      await probe.once(server, world, reps).catch(() => undefined);
      const meter = context.databasePid ? cpuMeter(context.databasePid) : undefined;
      const times: number[] = [];
      const failures: string[] = [];
      for (let rep = 0; rep < reps; rep += 1) {
        await probe.once(server, world, rep).then(
          (ms) => times.push(ms),
          (error: unknown) => failures.push(error instanceof Error ? error.message.slice(0, 80) : String(error)),
        );
      }
      const dbCpuMs = meter ? Math.round((meter.stop() * 1000) / reps) : null;
      const ms = times.length ? Math.round(median(times)!) : null;
      figures.set(probe.name, { ms, dbCpuMs, failed: failures.length });
      const failed = failures.length ? `; ${failures.length} of ${reps} failed: ${failures[0]}` : '';
      context.log(
        `  ${world.stored} messages: ${probe.name} ${ms ?? '—'} ms (database CPU ${dbCpuMs ?? '?'} ms a request)${failed}`,
      );
    }
  } finally {
    await server.stop();
  }
  return { stored: world.stored, startupMs, figures };
}

const describe = (figure: Figure) => `${figure.ms ?? '—'}${figure.failed ? ` (${figure.failed} failed)` : ''}`;

function rowsFrom(scenario: string, points: Point[], longThread: number): Row[] {
  const first = points[0]!;
  const last = points.at(-1)!;
  const sizes = points.map((point) => point.stored.toLocaleString('en')).join(' / ');
  const rows: Row[] = PROBES.map((probe) => {
    const name = probe.name.replace('long thread', `${longThread.toLocaleString('en')}-message thread`);
    const series = points.map((point) => point.figures.get(probe.name)!);
    return {
      scenario,
      metric: `${name} at ${last.stored.toLocaleString('en')} messages`,
      value: series.at(-1)!.ms,
      unit: 'ms',
      baseline: series[0]!.ms,
      note: `at ${sizes} stored: ${series.map(describe).join(' / ')} ms; database CPU ${series.map((figure) => figure.dbCpuMs ?? '?').join(' / ')} ms a request; baseline: ${first.stored.toLocaleString('en')} stored`,
    };
  });
  rows.push({
    scenario,
    metric: `server start to ready at ${last.stored.toLocaleString('en')} messages`,
    value: Math.round(last.startupMs),
    unit: 'ms',
    baseline: Math.round(first.startupMs),
    note: `at ${sizes}: ${points.map((point) => Math.round(point.startupMs)).join(' / ')} ms (ready before the conversation heal, which then reads every message in the background while the first probes run)`,
  });
  return rows;
}

export async function dataGrowthScenario(context: BenchContext): Promise<Row[]> {
  const scenario = '9 data growth';
  const sizes = context.quick ? [2_000, 10_000] : [10_000, 60_000, 200_000];
  const longThread = context.quick ? 1_000 : 10_000;
  const reps = context.quick ? 3 : 5;
  const dbName = `careline_growth_${Date.now()}`;
  const uri = context.mongoUri.replace(/\/[^/?]+(\?|$)/, `/${dbName}$1`);
  context.log(`  seeding ${dbName}: one doctor with 100 patients (${longThread}- and 100-message threads), 200 filler pairs`);
  const world = await seedGrowthWorld(dbName, longThread);
  const points: Point[] = [];
  try {
    for (const size of sizes) {
      await growTo(world, size);
      await context.resetDatabase();
      points.push(await measureAt(context, uri, world, reps));
    }
  } finally {
    await world.db.dropDatabase().catch(() => undefined);
  }
  return rowsFrom(scenario, points, longThread);
}
