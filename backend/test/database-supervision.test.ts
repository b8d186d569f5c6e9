import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageModel } from '../src/modules/messages/message.model.js';
import { repoRoot, loginTo, startChildBackend, type ChildBackend } from './child-backend.js';
import { SEED_PASSWORD, seedConsultation, seedUser } from './seed.js';

/*
 * The app as a real process with its own embedded FerretDB (no MONGODB_URI), whose FerretDB is
 * killed with SIGKILL: the app must bring it back by itself, or exit when it cannot.
 */

let dir: string;
let backend: ChildBackend | undefined;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'telehealth-supervision-'));
});
afterEach(async () => {
  await mongoose.disconnect();
  await backend?.stop('SIGKILL');
  backend = undefined;
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * Starts the backend with FERRETDB_BINARY set to a wrapper of the real FerretDB that, once the
 * test creates `marker`, runs `onceMarked` first (a slow restart, or dying at once). The wrapper
 * is newer than the setup script, so the chooser takes it as an up-to-date build.
 */
async function startWithEmbeddedDatabase(onceMarked: string): Promise<{ app: ChildBackend; marker: string }> {
  const marker = path.join(dir, 'marked');
  const wrapper = path.join(dir, 'ferretdb');
  const real = path.join(repoRoot, 'backend/.bin/ferretdb');
  await fs.writeFile(wrapper, `#!/bin/sh\nif [ -e "${marker}" ]; then ${onceMarked}; fi\nexec "${real}" "$@"\n`, { mode: 0o755 });
  backend = await startChildBackend({
    env: {
      MONGODB_URI: undefined,
      DATA_DIR: path.join(dir, 'data'),
      MONGOMS_RUNTIME_DOWNLOAD: 'false',
      FERRETDB_BINARY: wrapper,
      // errors only, so a failure can say what the server logged about an unexpected answer
      LOG_LEVEL: 'error',
    },
  });
  return { app: backend, marker };
}

/** The FerretDB child of the backend process, from the process table. */
function ferret(backendPid: number): { pid: number; uri: string } | undefined {
  let table = '';
  try {
    table = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(backendPid)], { encoding: 'utf8' });
  } catch {
    return undefined; // no children at all
  }
  const match = /^\s*(\d+)\s+\S*ferretdb\S*\s+-listen\s+(127\.0\.0\.1:\d+)/m.exec(table);
  return match ? { pid: Number(match[1]), uri: `mongodb://${match[2]}/` } : undefined;
}

async function seedConversation(uri: string): Promise<{ doctorId: string }> {
  await mongoose.connect(uri);
  const patientId = await seedUser({ name: 'Kill patient', email: 'kill-patient@test.local', role: 'patient' });
  const doctorId = await seedUser({ name: 'Kill doctor', email: 'kill-doctor@test.local', role: 'doctor' });
  await seedConsultation(patientId, doctorId, 'outages');
  return { doctorId };
}

interface Answer {
  clientId: string;
  sentAt: number;
  status: number;
  retryAfter: string | null;
  /** the error code of a refused send, so a failure says what the server answered */
  code?: string;
}

describe('the embedded database under supervision', () => {
  it('comes back by itself after kill -9 under a steady stream of sends, storing each acknowledged message once', async () => {
    // The restart takes 3 s, longer than the driver waits to select a server (2 s), so sends
    // made while it is down cannot simply wait it out: they are answered 503.
    const { app, marker } = await startWithEmbeddedDatabase('sleep 3');
    const first = ferret(app.process.pid!);
    expect(first, 'FerretDB runs as a child of the backend').toBeDefined();
    const { doctorId } = await seedConversation(first!.uri);
    const cookie = await loginTo(app.url, 'kill-patient@test.local', SEED_PASSWORD);

    const answers: Answer[] = [];
    let sending = true;
    let next = 0;
    const sender = async () => {
      while (sending) {
        const clientId = `kill-${String(next++).padStart(5, '0')}`;
        const sentAt = Date.now();
        const response = await fetch(`${app.url}/api/messages/${doctorId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', cookie },
          body: JSON.stringify({ text: `message ${clientId}`, clientId }),
        });
        const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
        answers.push({
          clientId,
          sentAt,
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          code: body.error?.code,
        });
        await new Promise((resolve) => setTimeout(resolve, 150)); // under the send limit: 120 at once, then 1/s
      }
    };
    const senders = Array.from({ length: 2 }, sender);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    await fs.writeFile(marker, '');
    const killedAt = Date.now();
    process.kill(first!.pid, 'SIGKILL');
    for (;;) {
      if (
        answers.some(
          (answer) =>
            answer.sentAt > killedAt && answer.status < 300 && answers.some((a) => a.status === 503 && a.sentAt < answer.sentAt),
        )
      )
        break;
      if (Date.now() - killedAt > 15_000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const recoveredAt = answers.find(
      (answer) =>
        answer.sentAt > killedAt && answer.status < 300 && answers.some((a) => a.status === 503 && a.sentAt < answer.sentAt),
    )?.sentAt;
    await new Promise((resolve) => setTimeout(resolve, 500));
    sending = false;
    await Promise.all(senders);

    const failures = answers.filter((answer) => answer.status >= 300);
    expect(failures.length, 'some sends met the outage').toBeGreaterThan(0);
    const unexpected = app
      .output()
      .split('\n')
      .filter((line) => line.includes('unexpected error'));
    expect(
      failures.filter((answer) => answer.status !== 503 || answer.retryAfter === null),
      `every refused send is a 503 with Retry-After; the server logged: ${unexpected.join('\n')}`,
    ).toEqual([]);
    expect(recoveredAt, 'sends succeed again after the outage').toBeDefined();
    expect(recoveredAt! - killedAt).toBeLessThan(10_000);
    const second = ferret(app.process.pid!);
    expect(second?.pid).not.toBe(first!.pid);
    expect(second?.uri).toBe(first!.uri);

    const acknowledged = answers.filter((answer) => answer.status < 300).map((answer) => answer.clientId);
    const stored = await MessageModel.find({ clientId: mongoose.trusted({ $in: acknowledged }) }, { clientId: 1 }).lean();
    expect(stored.map((message) => message.clientId).sort()).toEqual(acknowledged.sort());
  }, 60_000);

  it('exits non-zero, naming why in its last line, when the database dies on every start', async () => {
    const { app, marker } = await startWithEmbeddedDatabase('exit 3');
    const running = ferret(app.process.pid!);
    expect(running).toBeDefined();
    await fs.writeFile(marker, '');
    process.kill(running!.pid, 'SIGKILL');

    const code = await app.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    const lastLine = app.errorOutput().trim().split('\n').at(-1);
    expect(lastLine).toMatch(
      /^CareLine stopped: the embedded database will not stay up: FerretDB did not come back: FerretDB exited during startup \(exit code 3\).*; 5 failures within 60 s, giving up$/,
    );
  }, 60_000);
});
