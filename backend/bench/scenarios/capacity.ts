import type { BenchContext } from '../lib/context.js';
import { messageFlow } from '../lib/flow.js';
import { login } from '../lib/http.js';
import { atMost, type Row } from '../lib/report.js';
import { BENCH_PASSWORD } from '../lib/seed.js';
import { startApp, startBaseline, type ServerProcess } from '../lib/servers.js';
import { msSince, nowNs, sleep, summarise, withTimeout } from '../lib/stats.js';
import { appRoutes, connectReceivers, flowRows } from './delivery.js';

async function hold(context: BenchContext, server: ServerProcess, sockets: number) {
  await sleep(1_000);
  const idleRss = server.rssMb();
  // A reconnect storm: up to 1,000 handshakes in flight per client process.
  const connected = await withTimeout(
    connectReceivers(context, server, sockets, 1_000),
    180_000,
    `${server.kind}: connecting ${sockets} sockets`,
  );
  await sleep(3_000);
  const rss = server.rssMb();
  return { ms: connected.ms, idleRss, rss, perThousand: ((rss - idleRss) / sockets) * 1_000 };
}

/** 2. Connection capacity: 10,000 authenticated sockets on one instance. */
export async function capacityScenario(context: BenchContext): Promise<Row[]> {
  const sockets = context.quick ? 1_000 : 10_000;
  const scenario = '2 capacity';

  const baselineServer = await startBaseline(context.mongoUri);
  let baseline;
  try {
    baseline = await hold(context, baselineServer, sockets);
    context.log(
      `  baseline: ${sockets} sockets in ${Math.round(baseline.ms)} ms, ${baseline.perThousand.toFixed(1)} MB per 1,000`,
    );
  } finally {
    await context.pool.disconnectAll();
    await baselineServer.stop();
  }

  await context.resetDatabase();
  const server = await startApp({ mongoUri: context.mongoUri, cpuProfileDir: context.cpuProfileDir });
  try {
    const app = await hold(context, server, sockets);
    context.log(`  app: ${sockets} sockets in ${Math.round(app.ms)} ms, ${app.perThousand.toFixed(1)} MB per 1,000`);
    // Messages to 1,000 of them (the same flow as scenario 1's first point), warmed up the same way.
    const routes = appRoutes(context, Math.min(1_000, sockets));
    await messageFlow({
      server,
      pool: context.pool,
      routes,
      rate: 500,
      durationMs: (routes.length / 500) * 1_000,
      settleMs: 60_000,
    });
    const flow = await withTimeout(
      messageFlow({ server, pool: context.pool, routes, rate: 200, durationMs: 8_000, databasePid: context.databasePid }),
      120_000,
      'delivery while holding sockets',
    );
    flow.receivers = routes.length;
    const stillConnected = await context.pool.connected();
    return [
      {
        scenario,
        metric: `${sockets} sockets: time to connect all`,
        value: Math.round(app.ms),
        unit: 'ms',
        target: '≤ 20000',
        baseline: Math.round(baseline.ms),
        pass: atMost(app.ms, 20_000),
      },
      {
        scenario,
        metric: 'server RSS per 1,000 sockets',
        value: Math.round(app.perThousand * 10) / 10,
        unit: 'MB',
        target: '< 40',
        baseline: Math.round(baseline.perThousand * 10) / 10,
        pass: app.perThousand < 40,
        note: `idle ${Math.round(app.idleRss)} MB → ${Math.round(app.rss)} MB`,
      },
      {
        scenario,
        metric: 'sockets still connected after the flow',
        value: stillConnected,
        unit: '',
        target: `= ${sockets}`,
        pass: stillConnected === sockets,
      },
      ...flowRows(scenario, flow, undefined)
        .filter((row) => /p99|lost/.test(row.metric))
        .map((row) => ({ ...row, metric: `holding ${sockets}: ${row.metric}` })),
    ];
  } finally {
    await context.pool.disconnectAll();
    await server.stop();
  }
}

/** 3. Login bursts: 50 concurrent logins while 200 messages/s flow, against the same flow without them. */
export async function loginBurstScenario(context: BenchContext): Promise<Row[]> {
  const receivers = context.quick ? 200 : 1_000;
  const scenario = '3 login burst';
  const server = await startApp({ mongoUri: context.mongoUri, cpuProfileDir: context.cpuProfileDir });
  try {
    await withTimeout(connectReceivers(context, server, receivers), 120_000, 'connecting receivers');
    const routes = appRoutes(context, receivers);
    await messageFlow({
      server,
      pool: context.pool,
      routes,
      rate: 500,
      durationMs: (routes.length / 500) * 1_000,
      settleMs: 60_000,
    });
    const quiet = await messageFlow({ server, pool: context.pool, routes, rate: 200, durationMs: 10_000 });
    quiet.receivers = receivers;
    const loginTimes: number[] = [];
    let loginFailures = 0;
    const accounts = context.population.linkedPatients.slice(receivers, receivers + 50);
    const burst = async () => {
      await sleep(3_000);
      await Promise.all(
        accounts.map(async (account) => {
          const started = nowNs();
          try {
            await login(server.url, server.origin, account.email, BENCH_PASSWORD);
            loginTimes.push(msSince(started));
          } catch {
            loginFailures += 1;
          }
        }),
      );
    };
    const busy = await messageFlow({ server, pool: context.pool, routes, rate: 200, durationMs: 10_000, during: burst });
    busy.receivers = receivers;
    const logins = summarise(loginTimes);
    const rise =
      busy.delivery.p99 !== null && quiet.delivery.p99 !== null
        ? Math.round((busy.delivery.p99 - quiet.delivery.p99) * 100) / 100
        : null;
    context.log(`  quiet p99 ${quiet.delivery.p99} ms, with logins ${busy.delivery.p99} ms, login p99 ${logins.p99} ms`);
    return [
      { scenario, metric: '50 concurrent logins: p50', value: logins.p50, unit: 'ms' },
      {
        scenario,
        metric: '50 concurrent logins: p99',
        value: logins.p99,
        unit: 'ms',
        note: loginFailures ? `${loginFailures} failed` : `${logins.count} signed in`,
      },
      {
        scenario,
        metric: `delivery p99 with the burst (N=${receivers} R=200)`,
        value: busy.delivery.p99,
        unit: 'ms',
        baseline: quiet.delivery.p99,
        note: 'baseline: the same flow without logins',
      },
      {
        scenario,
        metric: 'delivery p99 rise from the burst',
        value: rise,
        unit: 'ms',
        target: '< 20',
        pass: rise !== null && rise < 20,
      },
      { scenario, metric: 'lost during the burst', value: busy.lost, unit: '', target: '= 0', pass: busy.lost === 0 },
    ];
  } finally {
    await context.pool.disconnectAll();
    await server.stop();
  }
}
