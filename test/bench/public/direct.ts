// The baseline: the same queries directly on PostgreSQL with the pg driver, 32 clients each running the query
// back to back for the same duration as the app's load.
import pg from 'pg';
import { figures, pickRandom, type LoadFigures } from './measure';

export async function directLoad(
  url: string,
  connections: number,
  seconds: number,
  run: (c: pg.ClientBase) => Promise<unknown>,
): Promise<LoadFigures> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    // Warm-up: a few rounds so the first measured requests do not pay for plans and cold pages alone.
    await Promise.all(clients.map((c) => run(c).then(() => run(c))));
    const latencies: number[] = [];
    const errorSamples = new Set<string>();
    let errors = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < until) {
          const t = performance.now();
          try {
            await run(c);
            latencies.push(performance.now() - t);
          } catch (err) {
            errors++;
            if (errorSamples.size < 3) errorSamples.add(err instanceof Error ? err.message : String(err));
          }
        }
      }),
    );
    return figures(latencies, errors, (performance.now() - started) / 1000, [...errorSamples]);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

export { pickRandom };
