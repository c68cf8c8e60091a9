// The restart rule of `npm start`'s supervisor (scripts/dev/supervisor.ts): a service that ran fine is restarted
// after a short pause; one that keeps dying right after it starts is restarted with a growing pause, then given up.
import { describe, expect, it } from 'vitest';
import { decideRestart, DEFAULT_RESTART_POLICY as policy } from '../../scripts/dev/supervisor';

describe('restart decisions', () => {
  it('restarts a service that ran past its start after the first pause, whatever failed before', () => {
    expect(decideRestart(10 * 60_000, 0, policy)).toEqual({ restart: true, delayMs: 1_000, startFailures: 0 });
    expect(decideRestart(10 * 60_000, 4, policy)).toEqual({ restart: true, delayMs: 1_000, startFailures: 0 });
  });

  it('doubles the pause for each failed start in a row and gives up after the fifth', () => {
    let failures = 0;
    const delays: number[] = [];
    for (;;) {
      const decision = decideRestart(2_000, failures, policy);
      if (!decision.restart) break;
      delays.push(decision.delayMs);
      failures = decision.startFailures;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(failures).toBe(4);
  });

  it('never waits longer than the longest pause', () => {
    const patient = { ...policy, maxStartFailures: 20 };
    expect(decideRestart(0, 12, patient)).toEqual({ restart: true, delayMs: 30_000, startFailures: 13 });
  });
});
