import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ClientSpec, FromWorker, ToWorker } from './worker-protocol.js';
import { benchDir } from './paths.js';

type Request = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

/** One client process, driven by request/answer over IPC. */
class ClientWorker {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: FromWorker) => void>();
  readonly ready: Promise<void>;

  constructor(readonly child: ChildProcess) {
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    child.on('message', (message: FromWorker) => {
      if (message.op === 'ready') return markReady();
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message);
    });
    child.on('error', () => undefined);
    child.on('exit', (code) => {
      for (const resolve of this.pending.values()) resolve({ op: 'done', id: -1 });
      this.pending.clear();
      if (code) console.error(`client worker ${child.pid} exited with ${code}`);
    });
  }

  call<A extends FromWorker>(request: Request): Promise<A> {
    const id = this.nextId++;
    // A worker that has gone answers nothing: callers get an empty answer rather than a crash.
    if (!this.child.connected) return Promise.resolve({ op: 'done', id: -1 } as A);
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (answer: FromWorker) => void);
      const message: ToWorker = { ...request, id };
      this.child.send(message);
    });
  }
}

/**
 * The processes that hold the sockets. Clients are spread round-robin; every call goes to all
 * workers at once and the answers are merged.
 */
export class ClientPool {
  private constructor(private readonly workers: ClientWorker[]) {}

  static async start(count: number): Promise<ClientPool> {
    const workers = Array.from({ length: count }, () => {
      const child = fork(path.join(benchDir, 'client-worker.ts'), [], {
        execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      return new ClientWorker(child);
    });
    await Promise.all(workers.map((worker) => worker.ready));
    return new ClientPool(workers);
  }

  get pids(): number[] {
    return this.workers.map((worker) => worker.child.pid!);
  }

  /** Connects every client (spread over the workers); resolves with how many made it and how long it took. */
  async connect(url: string, origin: string, clients: ClientSpec[], concurrencyPerWorker = 100) {
    const shares = this.workers.map(() => [] as ClientSpec[]);
    clients.forEach((client, index) => shares[index % shares.length]!.push(client));
    const answers = await Promise.all(
      this.workers.map((worker, index) =>
        worker.call<Extract<FromWorker, { op: 'connected' }>>({
          op: 'connect',
          url,
          origin,
          clients: shares[index]!,
          concurrency: concurrencyPerWorker,
        }),
      ),
    );
    return {
      ok: answers.reduce((sum, answer) => sum + answer.ok, 0),
      failed: answers.flatMap((answer) => answer.failed),
      ms: Math.max(...answers.map((answer) => answer.ms)),
    };
  }

  async record(enabled: boolean): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.call({ op: 'record', enabled })));
  }

  async drain(): Promise<{ messages: [number, number][]; positions: [string, number, string][] }> {
    const answers = await Promise.all(
      this.workers.map((worker) => worker.call<Extract<FromWorker, { op: 'samples' }>>({ op: 'drain' })),
    );
    return {
      messages: answers.flatMap((answer) => answer.messages ?? []),
      positions: answers.flatMap((answer) => answer.positions ?? []),
    };
  }

  async connected(): Promise<number> {
    const answers = await Promise.all(
      this.workers.map((worker) => worker.call<Extract<FromWorker, { op: 'count' }>>({ op: 'count' })),
    );
    return answers.reduce((sum, answer) => sum + (answer.connected ?? 0), 0);
  }

  async disconnectAll(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.call({ op: 'disconnectAll' })));
  }

  stop(): void {
    for (const worker of this.workers) if (worker.child.connected) worker.child.disconnect();
  }
}
