// Latency figures of one load: requests per second and p50/p95/p99, from every request's duration.
export interface LoadFigures {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** What the errors were (first few, distinct). */
  errorSamples?: string[];
}

export function figures(latenciesMs: number[], errors: number, seconds: number, errorSamples?: string[]): LoadFigures {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);
  return {
    requests: sorted.length,
    errors,
    seconds,
    rps: sorted.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    ...(errorSamples?.length ? { errorSamples } : {}),
  };
}

export const pickRandom = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;
