// Keeps a service running: when it dies on its own (an out-of-memory kill, an operator's mistake) it is started
// again after a pause, and the rest of the platform keeps running meanwhile. This is safe for the worker because
// Temporal keeps every workflow's state: the import it was running resumes from its last committed chunk.
// Only a service that keeps dying right after it starts (a broken build, a wrong setting) is given up on, with
// its reason, so a person sees the cause instead of an endless restart loop.
import { describeExit, sleep, stopService, type Log, type Service } from './processes';

export interface RestartPolicy {
  /** A service that dies sooner than this after it was started counts as failing to start. */
  startupWindowMs: number;
  /** Failed starts in a row after which the service is given up on. */
  maxStartFailures: number;
  /** The pause before the first restart; it doubles with each failed start in a row, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  startupWindowMs: 60_000,
  maxStartFailures: 5,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
};

export type RestartDecision = { restart: true; delayMs: number; startFailures: number } | { restart: false };

/**
 * What to do when a service died after running for `livedMs`, `startFailures` being the failed starts in a row
 * before this one. A service that ran longer than the startup window had started fine: the count begins anew.
 */
export function decideRestart(livedMs: number, startFailures: number, policy: RestartPolicy): RestartDecision {
  const failures = livedMs < policy.startupWindowMs ? startFailures + 1 : 0;
  if (failures >= policy.maxStartFailures) return { restart: false };
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, failures - 1));
  return { restart: true, delayMs, startFailures: failures };
}

export interface SupervisorOptions {
  /** Starts one instance of the service. */
  start: () => Service;
  log: Log;
  policy?: RestartPolicy;
  /** Called with each instance once it has been started (the first and every restart). */
  onStart?: (service: Service) => void;
  /** Called once, with the reason, when the service keeps dying on start and is given up on. */
  onGiveUp: (reason: string) => void;
}

export interface Supervised {
  /** The instance running now (or the last one, once stopped or given up on). */
  readonly current: Service;
  /** How many times it was restarted. */
  readonly restarts: number;
  /** Set once the service was given up on. */
  readonly gaveUp: string | undefined;
  /** Stops the service for good: no restart after this. */
  stop(opts?: Parameters<typeof stopService>[1]): Promise<void>;
}

export function supervise(opts: SupervisorOptions): Supervised {
  const policy = opts.policy ?? DEFAULT_RESTART_POLICY;
  let stopped = false;
  let gaveUp: string | undefined;
  let restarts = 0;
  let startFailures = 0;
  let current: Service;

  const launch = () => {
    const startedAt = Date.now();
    const service = opts.start();
    current = service;
    opts.onStart?.(service);
    void service.exited.then(() => {
      if (stopped || service.stopping) return;
      void afterDeath(service, Date.now() - startedAt);
    });
  };

  const afterDeath = async (dead: Service, livedMs: number) => {
    // Whatever it left in its process group (a child of `tsx`) must not keep taking tasks beside the new one.
    await stopService(dead, { timeoutMs: 5_000 });
    if (stopped) return;
    const decision = decideRestart(livedMs, startFailures, policy);
    if (!decision.restart) {
      gaveUp =
        `${dead.name} keeps dying on start (${policy.maxStartFailures} times in a row within ` +
        `${policy.startupWindowMs / 1000} s of starting): ${describeExit(dead)}`;
      opts.onGiveUp(gaveUp);
      return;
    }
    startFailures = decision.startFailures;
    opts.log(
      `${describeExit(dead, { output: false })}; restarting it in ${decision.delayMs / 1000} s ` +
        `(the rest of the platform keeps running; its workflows resume where they stopped)`,
    );
    await sleep(decision.delayMs);
    if (stopped) return;
    restarts++;
    launch();
    opts.log(`${current.name} restarted (pid ${current.pid}, restart ${restarts})`);
  };

  launch();
  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    get gaveUp() {
      return gaveUp;
    },
    async stop(stopOpts) {
      // A restart waiting for its pause sees this and does not happen.
      stopped = true;
      await stopService(current, stopOpts);
    },
  };
}
