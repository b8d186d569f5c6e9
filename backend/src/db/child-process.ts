import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A spawned database server: its pid, the tail of its stderr, and a promise that says how it ended. */
export interface ServerProcess {
  child: ChildProcess;
  /** resolves with "exit code 1" / "signal SIGKILL" / "spawn error: ..." */
  exited: Promise<string>;
  stderr(): string;
}

const STOP_TIMEOUT_MS = 10_000;

/** Kills any still-running children when this process exits, so no database outlives the app. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const running of liveChildren) running.kill('SIGKILL');
  });
}

export function spawnServer(binary: string, args: string[], env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  trackChild(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
  child.stdout?.resume();
  child.stdin?.on('error', () => undefined); // EPIPE when the child is already gone
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      resolve(signal ? `signal ${signal}` : `exit code ${code}`);
    });
    child.once('error', (err) => {
      liveChildren.delete(child);
      resolve(`spawn error: ${err.message}`);
    });
  });
  return { child, exited, stderr: () => stderr };
}

export function hasExited(proc: ServerProcess): boolean {
  return proc.child.exitCode !== null || proc.child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function stopServer(proc: ServerProcess): Promise<void> {
  if (hasExited(proc)) {
    await proc.exited;
    return;
  }
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await proc.exited;
  } finally {
    clearTimeout(timer);
  }
}

export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsConstants.X_OK);
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
