import fs from 'node:fs';

/*
 * What a process costs, read from /proc (Linux): CPU time (user + system) and resident memory.
 */

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size in MB (VmRSS). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** The 1-minute load average and the core count, to say how busy the machine was. */
export function machineLoad(): { load1: number; load5: number; cores: number } {
  const [load1, load5] = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  const cores = fs
    .readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('processor')).length;
  return { load1: load1 ?? Number.NaN, load5: load5 ?? Number.NaN, cores };
}

/** Measures a process's CPU over an interval: call `stop()` to get seconds used since `start`. */
export function cpuMeter(pid: number): { stop(): number } {
  const start = cpuSeconds(pid);
  return { stop: () => cpuSeconds(pid) - start };
}

/** The embedded database's process (a child of this one), so its CPU can be read too. */
export function childProcessNamed(name: string, parent = process.pid): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (command === name && ppid === parent) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}
