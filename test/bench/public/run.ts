// `npm run bench -- public [--seconds 10] [--connections 32] [--no-app] [--only code,search1,…]
//                           [--orgs 1000000] [--records 5000000]`:
// the public query and the staff's subject query at full size (issue 13, Speed). Opens (building it once,
// ~/.cache/xinyong-wuzhi/bench-public) the benchmark database, starts the built app against it with the
// public query limits raised (the guard still runs its statement per query), and for each query drives the
// app's JSON endpoint with autocannon and, in the same run, the same SQL directly with pg. Figures go to the
// console and to the "Public query" section of test/bench/results.md.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { dayKeyOf } from '../../../lib/calendar/workdays';
import { COUNT_QUERY_SQL, minuteOf } from '../../../lib/public/guard-sql';
import { DEMO_PASSWORD } from '../../../prisma/seed-ids';
import { buildAppIfStale, startApp } from '../../../scripts/dev/next-app';
import { freePort, stopService, type Service } from '../../../scripts/dev/processes';
import { ROOT } from '../../../scripts/dev/root';
import { monitorPeakRss } from '../rss';
import { appLoad } from './app-load';
import { BENCH_DIR, openBenchDatabase } from './database';
import { directLoad } from './direct';
import { pickRandom } from './measure';
import { QUERIES, sampleParameters } from './queries';
import { writePublicResults, type QueryResult } from './report';

const log = (line: string) => console.log(`[bench public] ${line}`);

export async function benchPublic(args: string[]): Promise<void> {
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seconds = Number(option('seconds') ?? 10);
  const connections = Number(option('connections') ?? 32);
  const only = option('only')?.split(',');
  const withApp = !args.includes('--no-app');
  const size = { orgs: Number(option('orgs') ?? 1_000_000), records: Number(option('records') ?? 5_000_000) };

  const bench = await openBenchDatabase(size, log);
  let app: Service | undefined;
  try {
    const admin = new pg.Client({ connectionString: bench.url });
    admin.on('error', () => {}); // a server stopped under it is reported by the query that fails
    await admin.connect();
    const searchIndexSeconds = bench.searchMigrationSeconds;
    let sample: Awaited<ReturnType<typeof sampleParameters>>;
    try {
      sample = await sampleParameters(admin, dayKeyOf(new Date()));
    } finally {
      await admin.end();
    }
    log(`sampled ${sample.subjectIds.length} subjects, ${sample.usccs.length} codes`);

    let baseUrl: string | undefined;
    let staffCookie: string | undefined;
    let appNote: string | undefined;
    if (withApp) {
      const logDir = join(BENCH_DIR, 'logs');
      mkdirSync(logDir, { recursive: true });
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      const appEnv = {
        ...process.env,
        ...bench.secrets,
        DATABASE_URL: bench.url,
        APP_URL: baseUrl,
        AUTH_URL: baseUrl,
        // Nothing on the query paths starts a workflow; an address nobody listens on keeps Temporal out of it.
        TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:1',
        // Off: 32 connections from one address would be refused at once. The guard's own statement is measured
        // apart below (directly and what it adds over HTTP), so its cost is in the report all the same.
        PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
        PUBLIC_CAPTCHA_AFTER: '0',
        LOGIN_IP_MAX_FAILURES: '0',
        NEXT_TELEMETRY_DISABLED: '1',
      };
      await buildAppIfStale({ root: ROOT, env: appEnv, log, echo: false, logDir });
      log('starting the app…');
      app = await startApp({
        root: ROOT,
        env: appEnv,
        log,
        echo: false,
        logDir,
        port,
        url: baseUrl,
        requireLogin: true,
      });
      staffCookie = await signIn(baseUrl, 'xyzx01', DEMO_PASSWORD).catch((err: unknown) => {
        appNote = `staff sign-in failed (${err instanceof Error ? err.message : String(err)}): staff queries not run`;
        return undefined;
      });
    }
    const rss = app ? monitorPeakRss(app.pid) : undefined;

    // The guard's own statement: the worst case (every client one address: one row) and the usual one.
    const guardRun = (address: () => string) =>
      directLoad(bench.url, connections, seconds, (c) =>
        c.query(COUNT_QUERY_SQL, [address(), minuteOf(Date.now()), 10]),
      );
    log('guard statement, one address…');
    const oneAddress = await guardRun(() => '192.0.2.1');
    let n = 0;
    log('guard statement, many addresses…');
    const manyAddresses = await guardRun(() => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`);
    const guardApp = baseUrl
      ? await appLoad(baseUrl, connections, seconds, () => '/api/public/admission?kind=SEARCH')
      : undefined;

    const results: QueryResult[] = [];
    for (const q of QUERIES.filter((x) => !only || only.includes(x.key))) {
      const result: QueryResult = { key: q.key, label: q.label, goalP95: q.goalP95 };
      log(`${q.key}: direct…`);
      try {
        result.direct = await directLoad(bench.url, connections, seconds, (c) => q.direct(c, sample, pickRandom));
        log(`${q.key}: direct ${Math.round(result.direct.rps)} req/s, p95 ${result.direct.p95.toFixed(1)} ms`);
      } catch (err) {
        result.directError = err instanceof Error ? err.message : String(err);
        log(`${q.key}: direct failed: ${result.directError}`);
      }
      if (baseUrl) {
        const first = q.http(sample, pickRandom);
        if (first.staff && !staffCookie) result.app = { available: false, why: 'no staff session' };
        else {
          log(`${q.key}: app…`);
          result.app = await appLoad(
            baseUrl,
            connections,
            seconds,
            () => q.http(sample, pickRandom).path,
            first.staff ? { cookie: staffCookie! } : {},
          );
          log(
            `${q.key}: app ${result.app.available ? `${Math.round(result.app.figures.rps)} req/s, p95 ${result.app.figures.p95.toFixed(1)} ms` : result.app.why}`,
          );
        }
      }
      results.push(result);
    }
    const appPeakRssMb = rss?.stop();
    const out = writePublicResults({
      generation: bench.figures,
      built: bench.built,
      searchIndexSeconds,
      connections,
      seconds,
      results,
      guard: { oneAddress, manyAddresses, app: guardApp },
      appPeakRssMb,
      appNote: withApp ? appNote : 'not run (--no-app)',
    });
    log(`figures written to ${out}`);
  } finally {
    if (app) await stopService(app);
    await bench.pg.stop();
  }
}

/** A staff session cookie through Auth.js's credentials callback (as test/support/http-session.ts does). */
async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${baseUrl}/home` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in of ${username} refused`);
  return cookie();
}
