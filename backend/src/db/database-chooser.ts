/**
 * Chooses the embedded database when MONGODB_URI is not set, in this order: a mongod on this
 * machine; a mongod downloaded by mongodb-memory-server when its host answers; FerretDB (built
 * with Go when needed). Each step logs one line saying what it does and why.
 */
import fs from 'node:fs/promises';
import { errorMessage } from './child-process.js';
import type { EmbeddedDatabaseLogger, EmbeddedKind } from './embedded-database.js';
import { buildFerret, ferretBinaryPath, ferretBinaryState, findGo, startFerret } from './ferretdb.js';
import { downloadAllowed, downloadHostProblem, findLocalMongod, mongodDownloadUrl, startMongod } from './mongod.js';
import type { SupervisedRun } from './supervisor.js';

export interface ChosenDatabase {
  kind: EmbeddedKind;
  /** for log lines: "mongod", "FerretDB" */
  name: string;
  uri: string;
  first: SupervisedRun;
  /** starts it again on the same port and data */
  start: () => Promise<SupervisedRun>;
}

export class NoDatabaseError extends Error {
  override name = 'NoDatabaseError';
}

export async function chooseDatabase(dataDir: string, logger: EmbeddedDatabaseLogger): Promise<ChosenDatabase> {
  const say = (line: string) => logger.info({}, `database: ${line}`);
  const problems: string[] = [];
  say('MONGODB_URI is not set; choosing an embedded database (a local mongod, a downloaded mongod, then FerretDB)');

  // mongod cannot read FerretDB's SQLite files: a data dir that has them stays with FerretDB.
  const holdsFerretData = (await fs.readdir(dataDir)).some((name) => name.endsWith('.sqlite'));
  if (holdsFerretData) say(`${dataDir} holds FerretDB data, so FerretDB keeps serving it`);
  else {
    const mongod = await tryMongod(dataDir, say, problems);
    if (mongod) return mongod;
  }
  const ferret = await tryFerret(dataDir, say, logger, problems);
  if (ferret) return ferret;
  throw new NoDatabaseError(noDatabaseMessage(problems));
}

async function tryMongod(dataDir: string, say: (line: string) => void, problems: string[]): Promise<ChosenDatabase | undefined> {
  const local = await findLocalMongod();
  if (local) {
    say(`using the mongod ${local.where}`);
    try {
      return { kind: 'mongodb-memory-server', name: 'mongod', ...(await startMongod(dataDir, local.binary)) };
    } catch (err) {
      problems.push(`the mongod ${local.where} did not start: ${errorMessage(err)}`);
      say(`that mongod did not start (${errorMessage(err).split('\n')[0]}); trying the next way`);
    }
  } else problems.push('no mongod on this machine (MONGOMS_SYSTEM_BINARY unset, none on PATH or in the download cache)');

  if (!downloadAllowed()) {
    problems.push('downloading a mongod is switched off (MONGOMS_RUNTIME_DOWNLOAD=false)');
    say(
      `${local ? '' : 'no mongod on this machine, and '}downloading one is switched off (MONGOMS_RUNTIME_DOWNLOAD=false); trying FerretDB`,
    );
    return undefined;
  }
  const { url, version } = await mongodDownloadUrl();
  const host = new URL(url).origin;
  const problem = await downloadHostProblem(url);
  if (problem) {
    problems.push(`the mongod download host ${host} is unreachable (${problem})`);
    say(
      `${local ? '' : 'no mongod on this machine, and '}the download host ${host} is unreachable (${problem}); trying FerretDB`,
    );
    return undefined;
  }
  say(`no mongod on this machine; downloading mongod ${version} from ${host} once (about 100 MB, progress below)`);
  try {
    return { kind: 'mongodb-memory-server', name: 'mongod', ...(await startMongod(dataDir, undefined)) };
  } catch (err) {
    problems.push(`downloading or starting mongod failed: ${errorMessage(err)}`);
    say(`downloading or starting mongod failed (${errorMessage(err).split('\n')[0]}); trying FerretDB`);
    return undefined;
  }
}

async function tryFerret(
  dataDir: string,
  say: (line: string) => void,
  logger: EmbeddedDatabaseLogger,
  problems: string[],
): Promise<ChosenDatabase | undefined> {
  const binary = ferretBinaryPath();
  const state = await ferretBinaryState(binary);
  if (state !== 'ready') {
    const go = await findGo();
    const what = state === 'missing' ? `FerretDB is not built yet (${binary})` : `${binary} is older than its build script`;
    if (!go) {
      problems.push(`${what}, and Go is not installed (no GO variable, no go on PATH) to build it`);
      say(`${what}, and there is no Go to build it with`);
      return undefined;
    }
    say(`${what}; building it with ${go} (1 to 3 minutes the first time; a progress line every 10 s)`);
    try {
      await buildFerret(binary, go, logger);
    } catch (err) {
      problems.push(`building FerretDB failed: ${errorMessage(err)}`);
      say(`building FerretDB failed: ${errorMessage(err)}`);
      return undefined;
    }
  }
  say(`starting FerretDB ${binary} with data in ${dataDir}`);
  try {
    return { kind: 'ferretdb', name: 'FerretDB', ...(await startFerret(binary, dataDir)) };
  } catch (err) {
    problems.push(`FerretDB did not start: ${errorMessage(err)}`);
    return undefined;
  }
}

function noDatabaseMessage(problems: string[]): string {
  return [
    'No database to start. What was tried:',
    ...problems.map((problem) => `  - ${problem}`),
    'Do one of these, then start again:',
    '  - set MONGODB_URI=mongodb://host:port/dbname to use a MongoDB you already run (e.g. MongoDB Atlas);',
    '  - install Go 1.24+ (https://go.dev/dl/), so FerretDB is built on the next start (or now: npm run db:setup);',
    '  - install a mongod (put it on PATH or set MONGOMS_SYSTEM_BINARY=/path/to/mongod), or let mongodb-memory-server download one by allowing access to its download host.',
  ].join('\n');
}
