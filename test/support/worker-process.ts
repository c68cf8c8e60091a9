// Starts the real worker as a child process (its own process group), so a test can SIGKILL it.
import { spawn, type ChildProcess } from 'node:child_process';

export function spawnWorker(taskQueue: string): ChildProcess {
  const child = spawn('npx', ['tsx', 'worker/main.ts'], {
    env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}
