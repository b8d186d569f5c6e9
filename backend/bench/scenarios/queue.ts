import { Types } from 'mongoose';
import { ConsultationModel, openKeyFor } from '../../src/modules/consultations/consultation.model.js';
import type { BenchContext } from '../lib/context.js';
import type { BenchUser } from '../lib/seed.js';
import { acceptCurrentConsent } from '../../test/consent.js';
import { postJson } from '../lib/http.js';
import { atMost, type Row } from '../lib/report.js';
import { startApp, startBaseline, type ServerProcess } from '../lib/servers.js';
import { nowNs, sleep, summarise, withTimeout } from '../lib/stats.js';

interface FanOut {
  latencies: number[];
  wrong: number;
  missing: number;
}

/**
 * Waits until every patient still in line has heard a position after `startedNs`, and checks it:
 * `expected` maps patient id → the position they must now have.
 */
async function collect(context: BenchContext, startedNs: bigint, expected: Map<string, number>): Promise<FanOut> {
  const latest = new Map<string, { position: number; ns: bigint }>();
  const deadline = Date.now() + 30_000;
  while (latest.size < expected.size && Date.now() < deadline) {
    await sleep(50);
    for (const [key, position, ns] of (await context.pool.drain()).positions) latest.set(key, { position, ns: BigInt(ns) });
  }
  await sleep(300);
  for (const [key, position, ns] of (await context.pool.drain()).positions) latest.set(key, { position, ns: BigInt(ns) });
  let wrong = 0;
  const latencies: number[] = [];
  for (const [key, position] of expected) {
    const heard = latest.get(key);
    if (!heard) continue;
    if (heard.position !== position) wrong += 1;
    latencies.push(Number(heard.ns - startedNs) / 1e6);
  }
  return { latencies, wrong, missing: expected.size - latencies.length };
}

async function connectLine(context: BenchContext, server: ServerProcess, patients: { id: string; cookie?: string }[]) {
  const clients = patients.map((patient) =>
    server.kind === 'app' ? { key: patient.id, cookie: patient.cookie! } : { key: patient.id, auth: { room: patient.id } },
  );
  const result = await context.pool.connect(server.url, server.origin, clients, 100);
  if (result.failed.length) throw new Error(`${result.failed.length} queue sockets refused: ${result.failed[0]!.error}`);
}

/** Adds one accept's fan-out to the run's. */
function addFanOut(total: FanOut, one: FanOut): void {
  total.latencies.push(...one.latencies);
  total.wrong += one.wrong;
  total.missing += one.missing;
}

/** Who must hear which place after the `round`-th accept: everyone behind moves up. */
const expectedAfter = (patients: { id: string }[], round: number) =>
  new Map(patients.slice(round + 1).map((patient, index) => [patient.id, index + 1]));

/** The baseline: one write, one read of the line, one emit per waiting patient. */
async function measureBaseline(context: BenchContext, patients: BenchUser[], accepts: number): Promise<FanOut> {
  const baselineServer = await startBaseline(context.mongoUri);
  const baseline: FanOut = { latencies: [], wrong: 0, missing: 0 };
  try {
    await connectLine(context, baselineServer, patients);
    await postJson(`${baselineServer.url}/queue`, { rooms: patients.map((patient) => patient.id) });
    await context.pool.record(true);
    for (let round = 0; round < accepts; round += 1) {
      await context.pool.drain();
      const started = nowNs();
      await postJson(`${baselineServer.url}/queue/accept`, {});
      addFanOut(baseline, await collect(context, started, expectedAfter(patients, round)));
    }
  } finally {
    await context.pool.record(false);
    await context.pool.disconnectAll();
    await baselineServer.stop();
  }
  return baseline;
}

/** Writes all but the last patient into the line directly, oldest first; returns their consultation ids. */
async function seedWaitingLine(patients: BenchUser[]): Promise<string[]> {
  const start = Date.now() - 3_600_000;
  const waiting = patients.slice(0, -1).map((patient, index) => ({
    _id: new Types.ObjectId(),
    patientId: new Types.ObjectId(patient.id),
    doctorId: null,
    requestedDoctorId: null,
    reason: 'bench queue',
    urgency: 'routine',
    urgencyRank: 1,
    status: 'waiting',
    notes: '',
    createdAt: new Date(start + index * 1_000),
    acceptedAt: null,
    completedAt: null,
    cancelledAt: null,
    openKey: openKeyFor(patient.id),
  }));
  await ConsultationModel.collection.insertMany(waiting);
  return waiting.map((row) => row._id.toString());
}

/**
 * The app: the last patient asks through the API, which broadcasts the line once (everyone hears
 * their place); then a doctor accepts the first `accepts` consultations, one at a time.
 */
async function measureApp(context: BenchContext, patients: BenchUser[], accepts: number, ids: string[]) {
  const server = await startApp({ mongoUri: context.mongoUri, cpuProfileDir: context.cpuProfileDir });
  const app: FanOut = { latencies: [], wrong: 0, missing: 0 };
  const acceptTimes: number[] = [];
  try {
    await connectLine(context, server, patients);
    const last = patients.at(-1)!;
    // Since issue 16 a patient asks only once they have accepted the telehealth consent.
    await acceptCurrentConsent(last.id);
    const opened = await postJson(
      `${server.url}/api/consultations`,
      { reason: 'bench queue' },
      { cookie: last.cookie!, origin: server.origin },
    );
    if (opened.status !== 201) throw new Error(`opening failed: ${opened.status} ${JSON.stringify(opened.body)}`);
    ids.push((opened.body as { consultation: { id: string } }).consultation.id);
    await sleep(2_000);
    const doctorCookie = context.doctorCookies.get(context.population.doctors[0]!.id)!;
    await context.pool.record(true);
    for (let round = 0; round < accepts; round += 1) {
      await context.pool.drain();
      const started = nowNs();
      const answer = await withTimeout(
        postJson(`${server.url}/api/consultations/${ids[round]}/accept`, {}, { cookie: doctorCookie, origin: server.origin }),
        60_000,
        'accept',
      );
      acceptTimes.push(Number(nowNs() - started) / 1e6);
      if (answer.status !== 200) throw new Error(`accept failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      const result = await collect(context, started, expectedAfter(patients, round));
      addFanOut(app, result);
      context.log(
        `  accept ${round + 1}: answered in ${Math.round(acceptTimes.at(-1)!)} ms, fan-out p99 ${summarise(result.latencies).p99} ms, wrong ${result.wrong}, missing ${result.missing}`,
      );
    }
  } finally {
    await context.pool.record(false);
    await context.pool.disconnectAll();
    await server.stop();
  }
  return { app, acceptTimes };
}

/** 4. Queue fan-out: 500 waiting and connected; a doctor accepts; every patient behind must hear their new place. */
export async function queueScenario(context: BenchContext): Promise<Row[]> {
  const patients = context.population.queuePatients;
  const accepts = context.quick ? 1 : 3;
  const scenario = '4 queue fan-out';
  const baseline = await measureBaseline(context, patients, accepts);
  const ids = await seedWaitingLine(patients);
  await context.resetDatabase();
  const { app, acceptTimes } = await measureApp(context, patients, accepts, ids);
  const appSummary = summarise(app.latencies);
  const baselineSummary = summarise(baseline.latencies);
  return [
    {
      scenario,
      metric: `${patients.length} waiting: accept → new position, p50`,
      value: appSummary.p50,
      unit: 'ms',
      baseline: baselineSummary.p50,
    },
    {
      scenario,
      metric: `${patients.length} waiting: accept → new position, p99`,
      value: appSummary.p99,
      unit: 'ms',
      target: '≤ 500',
      baseline: baselineSummary.p99,
      pass: atMost(appSummary.p99, 500),
    },
    {
      scenario,
      metric: `${patients.length} waiting: accept → new position, max`,
      value: appSummary.max,
      unit: 'ms',
      baseline: baselineSummary.max,
    },
    { scenario, metric: 'accept answered (HTTP), median', value: summarise(acceptTimes).p50, unit: 'ms' },
    {
      scenario,
      metric: 'wrong or missing positions',
      value: app.wrong + app.missing,
      unit: '',
      target: '= 0',
      baseline: baseline.wrong + baseline.missing,
      pass: app.wrong + app.missing === 0,
      note: `${accepts} accepts, ${app.latencies.length} positions heard`,
    },
  ];
}
