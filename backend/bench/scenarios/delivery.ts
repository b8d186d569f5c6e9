import type { BenchContext } from '../lib/context.js';
import { messageFlow, type FlowResult, type Route } from '../lib/flow.js';
import { atMost, type Row } from '../lib/report.js';
import { startApp, startBaseline, type ServerProcess } from '../lib/servers.js';
import { withTimeout } from '../lib/stats.js';

const TARGET_P99: Record<string, number> = { '1000x200': 15, '5000x1000': 50 };

/** The app's routes: patient i hears from the doctor they consulted (doctors[i % doctors]). */
export function appRoutes(context: BenchContext, receivers: number): Route[] {
  const { doctors, linkedPatients } = context.population;
  return linkedPatients.slice(0, receivers).map((patient, index) => ({
    receiverKey: patient.id,
    senderCookie: context.doctorCookies.get(doctors[index % doctors.length]!.id)!,
  }));
}

/** Connects N receivers (the app: patients' sessions; the baseline: one room each) and fails loudly if any is refused. */
export async function connectReceivers(
  context: BenchContext,
  server: ServerProcess,
  receivers: number,
  concurrencyPerWorker = 100,
) {
  const patients = context.population.linkedPatients.slice(0, receivers);
  const clients = patients.map((patient) =>
    server.kind === 'app' ? { key: patient.id, cookie: patient.cookie! } : { key: patient.id, auth: { room: patient.id } },
  );
  const result = await context.pool.connect(server.url, server.origin, clients, concurrencyPerWorker);
  if (result.failed.length > 0)
    throw new Error(`${result.failed.length} of ${receivers} sockets refused by ${server.kind}: ${result.failed[0]!.error}`);
  return result;
}

export function flowRows(scenario: string, result: FlowResult, baseline: FlowResult | undefined, target?: number): Row[] {
  const point = `N=${result.receivers} R=${result.rate}`;
  const rows: Row[] = [
    {
      scenario,
      metric: `${point} delivery p50`,
      value: result.delivery.p50,
      unit: 'ms',
      ...(baseline
        ? {
            baseline: baseline.delivery.p50,
            target: '≤ 2× baseline',
            pass: atMost(result.delivery.p50, 2 * (baseline.delivery.p50 ?? 0)),
          }
        : {}),
    },
    {
      scenario,
      metric: `${point} delivery p95`,
      value: result.delivery.p95,
      unit: 'ms',
      ...(baseline ? { baseline: baseline.delivery.p95 } : {}),
    },
    {
      scenario,
      metric: `${point} delivery p99`,
      value: result.delivery.p99,
      unit: 'ms',
      ...(baseline ? { baseline: baseline.delivery.p99 } : {}),
      ...(target !== undefined ? { target: `≤ ${target}`, pass: atMost(result.delivery.p99, target) } : {}),
    },
    {
      scenario,
      metric: `${point} lost (of accepted)`,
      value: result.lost,
      unit: '',
      target: '= 0',
      pass: result.lost === 0 && result.accepted > 0,
      ...(baseline ? { baseline: baseline.lost } : {}),
      note: `${result.accepted}/${result.sent} accepted in ${result.seconds} s${result.failed ? `, ${result.failed} failed ${JSON.stringify(result.errors)}` : ''}`,
    },
    {
      scenario,
      metric: `${point} accepted rate`,
      value: result.achievedRate,
      unit: 'msg/s',
      ...(baseline ? { baseline: baseline.achievedRate } : {}),
    },
    {
      scenario,
      metric: `${point} POST answer p99`,
      value: result.answer.p99,
      unit: 'ms',
      ...(baseline ? { baseline: baseline.answer.p99 } : {}),
    },
    {
      scenario,
      metric: `${point} server CPU per message`,
      value: result.cpuMsPerMessage,
      unit: 'ms',
      ...(baseline ? { baseline: baseline.cpuMsPerMessage } : {}),
    },
    ...(result.databaseCpuMsPerMessage !== null
      ? [
          {
            scenario,
            metric: `${point} database CPU per message`,
            value: result.databaseCpuMsPerMessage,
            unit: 'ms',
            ...(baseline ? { baseline: baseline.databaseCpuMsPerMessage } : {}),
          },
        ]
      : []),
  ];
  return rows;
}

async function measure(
  context: BenchContext,
  kind: 'app' | 'baseline',
  receivers: number,
  rates: number[],
  seconds: number,
): Promise<Map<number, FlowResult>> {
  await context.resetDatabase();
  const server =
    kind === 'app'
      ? await startApp({ mongoUri: context.mongoUri, cpuProfileDir: context.cpuProfileDir })
      : await startBaseline(context.mongoUri);
  const results = new Map<number, FlowResult>();
  try {
    const connected = await withTimeout(
      connectReceivers(context, server, receivers, 500),
      120_000,
      `${kind}: connecting ${receivers} sockets`,
    );
    context.log(`  ${kind}: ${receivers} receivers connected in ${Math.round(connected.ms)} ms`);
    const routes =
      kind === 'app'
        ? appRoutes(context, receivers)
        : context.population.linkedPatients.slice(0, receivers).map((patient) => ({ receiverKey: patient.id }));
    // Warm-up, not recorded: one message to every receiver (at most 10 s), so the figures are for a
    // server that has seen these conversations before (the JIT, pools and per-thread state are warm).
    const warmRate = Math.min(500, Math.max(...rates));
    // It is drained before measuring (its first message to each thread is the slow one).
    await messageFlow({
      server,
      pool: context.pool,
      routes,
      rate: warmRate,
      durationMs: Math.min(10_000, (receivers / warmRate) * 1_000),
      settleMs: 60_000,
    });
    for (const rate of rates) {
      const result = await withTimeout(
        messageFlow({ server, pool: context.pool, routes, rate, durationMs: seconds * 1_000, databasePid: context.databasePid }),
        seconds * 1_000 + 90_000,
        `${kind} N=${receivers} R=${rate}`,
      );
      result.receivers = receivers;
      results.set(rate, result);
      context.log(
        `  ${kind} N=${receivers} R=${rate}: p50 ${result.delivery.p50} p99 ${result.delivery.p99} ms, lost ${result.lost}, ${result.achievedRate} msg/s, ${result.cpuMsPerMessage} ms CPU/msg`,
      );
    }
  } finally {
    await context.pool.disconnectAll();
    await server.stop();
  }
  return results;
}

/** 1. Message delivery: POST start → the receiver's `newMessage`, beside the bare baseline, at each point. */
export async function deliveryScenario(context: BenchContext): Promise<Row[]> {
  const grid = context.deliveryPoints
    ? [...new Set(context.deliveryPoints.map((point) => point.receivers))].map((receivers) => ({
        receivers,
        rates: context.deliveryPoints!.filter((point) => point.receivers === receivers).map((point) => point.rate),
      }))
    : undefined;
  const points =
    grid ??
    (context.quick
      ? [{ receivers: 200, rates: [100] }]
      : [
          { receivers: 1_000, rates: [200, 1_000] },
          { receivers: 5_000, rates: [200, 1_000] },
        ]);
  const seconds = context.quick ? 4 : 8;
  const rows: Row[] = [];
  for (const { receivers, rates } of points) {
    const baseline = await measure(context, 'baseline', receivers, rates, seconds);
    const app = await measure(context, 'app', receivers, rates, seconds);
    for (const rate of rates) {
      const result = app.get(rate);
      if (result) rows.push(...flowRows('1 delivery', result, baseline.get(rate), TARGET_P99[`${receivers}x${rate}`]));
    }
  }
  return rows;
}
