/**
 * `npm run bench`: every scenario against the real app (a child process) and a real database,
 * each beside a baseline measured in the same run. Prints a table and writes
 * bench/results/<date>.json. Not a test: nothing here runs under `npm test`.
 *
 *   npm run bench                      all scenarios
 *   npm run bench -- --only=delivery,queue
 *   npm run bench -- --quick           small points, to check the bench itself
 *   npm run bench -- --only=delivery --delivery=1000x200   chosen delivery points (receivers x rate)
 *   npm run bench -- --profile         V8 CPU profiles of every app server into bench/results/profiles
 *   npm run bench -- --source          the server from TypeScript through tsx instead of backend/dist
 *
 * MONGODB_URI set: that server is used (a fresh database per run); otherwise an embedded
 * FerretDB/MongoDB is started in a temp dir and removed afterwards.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/db/embedded-database.js';
import type { BenchContext } from './lib/context.js';
import { login } from './lib/http.js';
import { repoRoot } from './lib/paths.js';
import { childProcessNamed, machineLoad } from './lib/proc.js';
import { renderTable, type Row } from './lib/report.js';
import { BENCH_PASSWORD, createSessions, seedFirstMessages, seedPopulation, seedThread } from './lib/seed.js';
import { startApp, stopAllServers, useCompiled } from './lib/servers.js';
import { withTimeout } from './lib/stats.js';
import { ClientPool } from './lib/workers.js';
import { callScenario } from './scenarios/call.js';
import { capacityScenario, loginBurstScenario } from './scenarios/capacity.js';
import { dataGrowthScenario } from './scenarios/data-growth.js';
import { deliveryScenario } from './scenarios/delivery.js';
import { gesturesScenario } from './scenarios/gestures.js';
import { historyScenario } from './scenarios/history.js';
import { queueScenario } from './scenarios/queue.js';
import { signupScenario } from './scenarios/signup.js';
import { uploadsScenario } from './scenarios/uploads.js';

const SCENARIOS: { name: string; timeoutMs: number; run: (context: BenchContext) => Promise<Row[]> }[] = [
  { name: 'delivery', timeoutMs: 480_000, run: deliveryScenario },
  { name: 'capacity', timeoutMs: 240_000, run: capacityScenario },
  { name: 'login', timeoutMs: 240_000, run: loginBurstScenario },
  { name: 'queue', timeoutMs: 240_000, run: queueScenario },
  { name: 'call', timeoutMs: 150_000, run: callScenario },
  { name: 'history', timeoutMs: 150_000, run: historyScenario },
  { name: 'uploads', timeoutMs: 120_000, run: uploadsScenario },
  { name: 'signup', timeoutMs: 120_000, run: signupScenario },
  { name: 'gestures', timeoutMs: 240_000, run: gesturesScenario },
  { name: 'growth', timeoutMs: 3_600_000, run: dataGrowthScenario },
];

const argument = (name: string) => process.argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
const quick = argument('quick') !== undefined;
const only = argument('only')?.split('=')[1]?.split(',');
const profile = argument('profile') !== undefined;
const deliveryPoints = argument('delivery')
  ?.split('=')[1]
  ?.split(',')
  .map((point) => {
    const [receivers, rate] = point.split('x').map(Number);
    return { receivers: receivers!, rate: rate! };
  });

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function git(command: string): string {
  try {
    return execSync(`git ${command}`, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The database the bench runs against: MONGODB_URI's server, or an embedded one in a temp dir. */
async function openDatabase() {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let baseUri = process.env.MONGODB_URI;
  if (!baseUri) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-bench-db-'));
    embedded = await startEmbeddedDatabase({
      dataDir,
      logger: { info: () => undefined, warn: (object, message) => log(`${message ?? ''} ${JSON.stringify(object)}`) },
    });
    baseUri = embedded.uri;
  }
  return {
    embedded,
    kind: embedded?.kind ?? 'external (MONGODB_URI)',
    mongoUri: baseUri.replace(/\/?(\?|$)/, `/careline_bench_${Date.now()}$1`),
    async close() {
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await embedded?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Seeds the people every scenario shares and signs the doctors in through the API, like anyone else. */
async function seedEveryone(mongoUri: string, databaseKind: string) {
  const linked = quick ? 1_100 : 10_100;
  log(
    `seeding ${databaseKind}: 50 doctors, ${linked} patients with a past consultation and a message from their doctor, 500 patients for the queue`,
  );
  const population = await seedPopulation({ doctors: 50, linkedPatients: linked, queuePatients: quick ? 100 : 500 });
  await createSessions([...population.linkedPatients, ...population.queuePatients]);
  const historyPatients = population.linkedPatients.splice(-2);
  await seedFirstMessages(population);
  await seedThread(population.doctors[0]!, historyPatients[0]!, quick ? 1_000 : 10_000);
  await seedThread(population.doctors[1]!, historyPatients[1]!, 100);

  const doctorCookies = new Map<string, string>();
  const first = await startApp({ mongoUri });
  try {
    for (const doctor of population.doctors)
      doctorCookies.set(doctor.id, await login(first.url, first.origin, doctor.email, BENCH_PASSWORD));
  } finally {
    await first.stop();
  }
  return { population, historyPatients, doctorCookies };
}

/** Runs one scenario; one that throws or overruns becomes a failed row instead of ending the run. */
async function runScenario(
  scenario: (typeof SCENARIOS)[number],
  context: BenchContext,
  pool: ClientPool,
): Promise<{ rows: Row[]; error?: string }> {
  log(`scenario ${scenario.name}`);
  try {
    await context.resetDatabase();
    return { rows: await withTimeout(scenario.run(context), scenario.timeoutMs, scenario.name) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  FAILED: ${message}`);
    // Its code may still be running: stop its servers and sockets so it cannot disturb the next.
    await stopAllServers();
    await pool.disconnectAll().catch(() => undefined);
    return {
      rows: [
        { scenario: scenario.name, metric: 'did not finish', value: null, unit: '', pass: false, note: message.slice(0, 160) },
      ],
      error: message,
    };
  }
}

/** Prints the table and writes it, with the machine, commit and database it was measured on, to bench/results. */
function writeResults(run: {
  startedAt: Date;
  loadBefore: ReturnType<typeof machineLoad>;
  databaseKind: string;
  rows: Row[];
  failures: { scenario: string; error: string }[];
}): void {
  const { startedAt, loadBefore, rows } = run;
  const loadAfter = machineLoad();
  const table = renderTable(rows);
  console.log(`\n${table}\n`);
  const commit = git('rev-parse --short HEAD');
  const dirty = git('status --porcelain --untracked-files=no') !== '';
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit,
    uncommittedChanges: dirty,
    quick,
    machine: {
      cores: loadBefore.cores,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadBefore,
      loadAfter,
    },
    database: run.databaseKind,
    server: useCompiled() ? 'backend/dist/server.js' : 'backend/src/server.ts through tsx',
    frontendBuiltAt: fs.existsSync(path.join(repoRoot, 'frontend/dist/index.html'))
      ? fs.statSync(path.join(repoRoot, 'frontend/dist/index.html')).mtime.toISOString()
      : null,
    rows,
    failures: run.failures,
    table,
  };
  const dir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(
    `commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}; load ${loadBefore.load1} before, ${loadAfter.load1} after; wrote ${path.relative(repoRoot, file)}`,
  );
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = machineLoad();
  log(
    `load average ${loadBefore.load1} (1 min) on ${loadBefore.cores} cores; server runs ${useCompiled() ? 'compiled dist' : 'source through tsx'}`,
  );

  const database = await openDatabase();
  const { embedded, mongoUri } = database;
  const pool = await ClientPool.start(2);
  const rows: Row[] = [];
  const failures: { scenario: string; error: string }[] = [];
  try {
    await mongoose.connect(mongoUri);
    const selected = SCENARIOS.filter((scenario) => !only || only.includes(scenario.name));
    const seeded = await seedEveryone(mongoUri, database.kind);
    const cpuProfileDir = profile ? path.join(repoRoot, 'bench/results/profiles') : undefined;
    const databasePid = embedded?.kind === 'ferretdb' ? childProcessNamed('ferretdb') : undefined;
    const resetDatabase = async () => {
      if (embedded?.kind !== 'ferretdb') return;
      await embedded.restart();
      context.databasePid = childProcessNamed('ferretdb');
    };
    const context: BenchContext = {
      mongoUri,
      pool,
      ...seeded,
      cpuProfileDir,
      databasePid,
      deliveryPoints,
      quick,
      log,
      resetDatabase,
    };
    for (const scenario of selected) {
      const outcome = await runScenario(scenario, context, pool);
      rows.push(...outcome.rows);
      if (outcome.error !== undefined) failures.push({ scenario: scenario.name, error: outcome.error });
    }
  } finally {
    pool.stop();
    await database.close();
  }
  writeResults({ startedAt, loadBefore, databaseKind: database.kind, rows, failures });
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
