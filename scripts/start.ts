// `npm start`: the whole platform on this machine — embedded PostgreSQL (unless DATABASE_URL is set), the Temporal
// dev server (unless TEMPORAL_ADDRESS is set), migrations, demo data, the worker and the app. Data stays in .data
// between runs. Ctrl-C stops everything, app first, database last.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runShutdown } from './dev/processes';
import { ROOT, startStack, type Stack } from './dev/stack';

const log = (line: string) => console.log(`[start] ${line}`);

let stack: Stack;
try {
  stack = await startStack({ dataDir: join(ROOT, '.data'), persistent: true, withApp: true, echo: true, log });
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`\n[start] could not start the platform: ${message}`);
  if (/migration/.test(message) && !process.env.DATABASE_URL) {
    console.error('[start] (local demo data only? remove .data/pg and start again to rebuild it from the migrations)');
  }
  await runShutdown();
  process.exit(1);
}

console.log(await banner(stack));

// A worker that dies is restarted by the stack (scripts/dev/supervisor.ts). PostgreSQL, Temporal or the app dying
// on its own, or a worker that keeps dying on start, takes the platform down with a clear message rather than
// leaving it half-working.
const how = await stack.unexpectedExit;
console.error(`\n[start] stopping everything: ${how}`);
await runShutdown();
process.exit(1);

async function banner(s: Stack): Promise<string> {
  const lines = [
    '',
    '════════════════════════════════════════════════════════════════',
    '  信用武陟 is running',
    '',
    `  App:               ${s.appUrl ?? '(not started)'}`,
    `  Temporal web UI:   ${s.temporalUiUrl ?? `(external server ${s.env.TEMPORAL_ADDRESS})`}`,
    `  Service logs:      ${s.logDir}`,
    // The embedded cluster's password is a fixed local one; show it so `psql` can be pointed at the database.
    `  Database:          ${s.postgresPid ? s.env.DATABASE_URL : redact(s.env.DATABASE_URL ?? '')}`,
    '',
  ];
  const logins = await demoLogins();
  if (logins.length > 0) {
    lines.push('  Demo logins (username / password — role):');
    for (const l of logins) lines.push(`    ${l.username} / ${l.password} — ${l.role}`);
  } else {
    lines.push('  (no demo logins: prisma/seed-ids.ts does not export DEMO_LOGINS yet)');
  }
  lines.push('', '  Ctrl-C stops everything.', '════════════════════════════════════════════════════════════════', '');
  return lines.join('\n');
}

interface DemoLogin {
  username: string;
  password: string;
  role: string;
}

// Imported at run time: the seed (and its ids) is written separately and may not exist yet.
async function demoLogins(): Promise<DemoLogin[]> {
  const file = join(ROOT, 'prisma', 'seed-ids.ts');
  if (!existsSync(file)) return [];
  try {
    const mod = (await import(pathToFileURL(file).href)) as { DEMO_LOGINS?: unknown };
    if (!Array.isArray(mod.DEMO_LOGINS)) return [];
    return mod.DEMO_LOGINS.flatMap((l: unknown) => {
      const { username, password, role } = (l ?? {}) as Partial<Record<keyof DemoLogin, unknown>>;
      return typeof username === 'string' && typeof password === 'string'
        ? [{ username, password, role: String(role ?? '') }]
        : [];
    });
  } catch (err) {
    log(`could not read demo logins: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
