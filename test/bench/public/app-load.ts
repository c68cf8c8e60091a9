// The app's side of the benchmark: its own HTTP endpoints on loopback under autocannon (32 connections), each
// request's latency taken from autocannon's response event (its summary has no p95). An endpoint that answers
// 404 is "not available" (built by another branch), not a failure of the run.
import autocannon from 'autocannon';
import { figures, type LoadFigures } from './measure';

export type AppOutcome = { available: true; figures: LoadFigures } | { available: false; why: string };

export async function appLoad(
  baseUrl: string,
  connections: number,
  seconds: number,
  nextPath: () => string,
  headers: Record<string, string> = {},
): Promise<AppOutcome> {
  const probe = await fetch(`${baseUrl}${nextPath()}`, { headers, redirect: 'manual' });
  const probeBody = await probe.arrayBuffer();
  if (probe.status === 404 || probe.status === 405) return { available: false, why: `not available (${probe.status})` };
  if (probe.status >= 300) {
    const text = Buffer.from(probeBody).toString('utf8').slice(0, 200);
    return { available: false, why: `answers ${probe.status}: ${text}` };
  }
  const latencies: number[] = [];
  let errors = 0;
  const errorSamples = new Set<string>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, path: nextPath() }) }],
      },
      (err, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else {
        errors++;
        if (errorSamples.size < 3) errorSamples.add(`HTTP ${statusCode}`);
      }
    });
  });
  return { available: true, figures: figures(latencies, errors + result.errors, result.duration, [...errorSamples]) };
}
