// CPU time spent by each service of the stack during a measurement, from /proc (utime + stime of every process
// of a service's tree, threads included). On a small machine the import's speed is bounded by the CPU all the
// services share, so the bench reports where that CPU went: the worker, PostgreSQL, Temporal, the bench itself.
import { readFileSync } from 'node:fs';
import { processTree } from './rss';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

export type CpuSeconds = Record<string, number>;

function treeTicks(root: number | undefined): number {
  if (!root) return 0;
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime, stime, then cutime and cstime, the time
      // of children that ended and were reaped (PostgreSQL's backends, once their connection closes).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // the process ended between listing and reading
    }
  }
  return ticks;
}

/** Starts counting; `stop()` gives the CPU seconds each named process tree used since. */
export function monitorCpu(roots: Record<string, number | undefined>): { stop(): CpuSeconds } {
  const start = Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, treeTicks(pid)]));
  return {
    stop: () =>
      Object.fromEntries(
        Object.entries(roots).map(([name, pid]) => [name, (treeTicks(pid) - start[name]!) / TICKS_PER_SECOND]),
      ),
  };
}
