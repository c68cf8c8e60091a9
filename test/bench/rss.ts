// Peak resident memory of a process tree (the worker runs as `tsx` → `node`), from /proc. The kernel's own
// high-water mark (VmHWM) is reset before each measurement (clear_refs 5) and also sampled as VmRSS every
// 100 ms, so a peak between samples is not missed and the figure belongs to this measurement alone.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

export function processTree(root: number): number[] {
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const c of children.split(/\s+/).filter(Boolean)) visit(Number(c));
    }
  };
  visit(root);
  return out;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface RssMonitor {
  /** RSS in MiB of the largest process of the tree when the monitor started. */
  startMb: number;
  /** Peak RSS in MiB of the largest process of the tree since the monitor started. */
  stop(): number;
}

export function monitorPeakRss(rootPid: number): RssMonitor {
  for (const pid of processTree(rootPid)) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // not permitted here: the sampled VmRSS still gives the peak
    }
  }
  let peakKb = 0;
  const sample = () => {
    for (const pid of processTree(rootPid)) peakKb = Math.max(peakKb, statusKb(pid, 'VmRSS'));
  };
  sample();
  const startMb = peakKb / 1024;
  const timer = setInterval(sample, 100);
  return {
    startMb,
    stop() {
      clearInterval(timer);
      sample();
      for (const pid of processTree(rootPid)) peakKb = Math.max(peakKb, statusKb(pid, 'VmHWM'));
      return peakKb / 1024;
    },
  };
}
