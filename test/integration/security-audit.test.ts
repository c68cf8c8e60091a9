// The audit log's protection (R-8.2, 等保 8.1.4.3 c): the application's database role may only append;
// a superuser who edits or deletes rows in a scratch database is caught by verifyAuditChain and by
// `npm run audit:verify`; the retention purge keeps at least 184 days and leaves a verifiable chain.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, writeAudit } from '../../lib/audit';
import { purgeAuditLog } from '../../lib/audit/retention';
import { verifyAuditChain } from '../../lib/audit/verify';
import { db } from '../../lib/db';
import { migrate } from '../../lib/db/migrate';
import { PrismaClient } from '../../lib/generated/prisma/client';

const ROOT = join(import.meta.dirname, '..', '..');
const scratchDbs: string[] = [];

async function superuser<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated database on the test server, to tamper with freely. */
async function scratchDatabase(): Promise<string> {
  const name = `audit_scratch_${randomBytes(4).toString('hex')}`;
  await superuser(process.env.DATABASE_URL!, (c) => c.query(`CREATE DATABASE ${name}`));
  scratchDbs.push(name);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  await migrate(url.toString(), { migrationsDir: join(ROOT, 'prisma', 'migrations') });
  return url.toString();
}

async function auditVerifyCli(url: string, ...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'scripts', 'audit-verify.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } },
    );
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

const clients: pg.Client[] = [];

/** A scratch database holding a chain of eight sign-in rows, and a superuser's connection to it: each test
 * tampers with its own, so none depends on what another did or on the order they run in. */
async function chainOfEight(): Promise<{ url: string; client: pg.Client }> {
  const url = await scratchDatabase();
  const scratch = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    for (let i = 1; i <= 8; i++) {
      await writeAudit(scratch, {
        username: 'admin',
        ip: '10.0.0.8',
        module: 'auth',
        action: i % 2 ? 'LOGIN' : 'LOGOUT',
        detail: { attempt: i, method: 'PASSWORD', note: '登录' },
      });
    }
  } finally {
    await scratch.$disconnect();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return { url, client };
}

afterAll(async () => {
  for (const c of clients) await c.end();
  for (const name of scratchDbs) {
    await superuser(process.env.DATABASE_URL!, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  await db.$disconnect();
});

const ids = async (client: pg.Client) =>
  (await client.query<{ id: string }>(`SELECT id::text FROM "AuditLog" ORDER BY id`)).rows.map((r) => r.id);

describe('tamper detection', () => {
  it('R-8.2 verifies an untouched chain and prints its head as an anchor', async () => {
    const { url, client } = await chainOfEight();
    const report = await verifyAuditChain(client);
    expect(report).toMatchObject({ ok: true, rows: 8 });
    const cli = await auditVerifyCli(url);
    expect(cli.code).toBe(0);
    expect(cli.output).toContain(`anchor: ${report.head!.id}:${report.head!.hash}`);
  });

  it('R-8.2 finds a row a superuser edited, and the CLI exits non-zero', async () => {
    const { url, client } = await chainOfEight();
    const [, , third] = await ids(client);
    const original = (await client.query(`SELECT detail FROM "AuditLog" WHERE id = $1`, [third])).rows[0].detail;
    // A superuser can switch the trigger off for the session; the chain still tells.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`UPDATE "AuditLog" SET detail = '{"attempt": 3, "method": "CERTIFICATE"}' WHERE id = $1`, [
      third,
    ]);
    expect((await verifyAuditChain(client)).break).toMatchObject({ kind: 'edited', id: third });
    const cli = await auditVerifyCli(url);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`row ${third} was changed`);
    await client.query(`UPDATE "AuditLog" SET detail = $2 WHERE id = $1`, [third, original]);
    expect((await verifyAuditChain(client)).ok).toBe(true);
  });

  it('R-8.2 finds a row a superuser deleted', async () => {
    const { url, client } = await chainOfEight();
    const all = await ids(client);
    await client.query(`SET session_replication_role = replica`);
    await client.query(`DELETE FROM "AuditLog" WHERE id = $1`, [all[5]]);
    expect((await verifyAuditChain(client)).break).toMatchObject({ kind: 'missing', id: all[6], afterId: all[4] });
    const cli = await auditVerifyCli(url);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('1 row(s) deleted');
  });

  it('R-8.2 finds a cut tail through the anchor of an earlier run', async () => {
    const { url, client: c } = await chainOfEight();
    const { head } = await verifyAuditChain(c);
    await c.query(`SET session_replication_role = replica`);
    await c.query(`DELETE FROM "AuditLog" WHERE id = $1`, [head!.id]);
    expect((await verifyAuditChain(c)).ok).toBe(true); // the chain alone cannot see a cut tail
    expect((await verifyAuditChain(c, { anchors: [head!] })).break).toMatchObject({ kind: 'anchor' });
    expect((await auditVerifyCli(url, '--anchor', `${head!.id}:${head!.hash}`)).code).toBe(1);
  });
});

describe("the application's database role", () => {
  for (const [name, url] of [
    ['the test database', async () => process.env.DATABASE_URL!],
    ['a database whose audit triggers are off', scratchDatabase],
  ] as const) {
    it(`R-8.2 may append to the audit log but not change, delete or truncate it (${name})`, async () => {
      await superuser(await url(), async (c) => {
        if (name !== 'the test database') await c.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER`);
        const asApp = async (sql: string) => {
          await c.query('BEGIN');
          try {
            await c.query('SET LOCAL ROLE xinyong_app');
            await c.query(sql);
            return 'ok';
          } catch (err) {
            return (err as { code?: string }).code;
          } finally {
            await c.query('ROLLBACK');
          }
        };
        expect(await asApp(`UPDATE "AuditLog" SET result = 'OK'`)).toBe('42501'); // insufficient_privilege
        expect(await asApp(`DELETE FROM "AuditLog"`)).toBe('42501');
        expect(await asApp(`TRUNCATE "AuditLog"`)).toBe('42501');
        expect(await asApp(`SELECT count(*) FROM "AuditLog"`)).toBe('ok');
        expect(
          await asApp(`INSERT INTO "AuditLog" (module, action, "prevHash", hash) VALUES ('t', 't', 'x', 'y')`),
        ).toBe('ok');
        expect(await asApp(`UPDATE "User" SET "failedLogins" = "failedLogins"`)).toBe('ok');
        expect(await asApp(`DELETE FROM "_prisma_migrations"`)).toBe('42501');
      });
    });
  }
});

describe('retention', () => {
  it('R-8.2 purges only rows older than the retention (never under 184 days) and keeps the chain verifiable', async () => {
    const url = await scratchDatabase();
    await superuser(url, async (c) => {
      let prevHash = GENESIS_HASH;
      const day = 86_400_000;
      for (const ageDays of [400, 399, 398, 100, 99]) {
        const row = {
          at: new Date(Date.now() - ageDays * day),
          module: 'auth',
          action: 'LOGIN',
          result: 'OK' as const,
        };
        const hash = chainHash(prevHash, row);
        await c.query(
          `INSERT INTO "AuditLog" ("at", module, action, result, "prevHash", hash)
           VALUES (($1::timestamptz AT TIME ZONE 'UTC'), $2, $3, $4, $5, $6)`,
          [row.at.toISOString(), row.module, row.action, row.result, prevHash, hash],
        );
        prevHash = hash;
      }
      await expect(purgeAuditLog(c, { retentionDays: 90 })).rejects.toThrow('at least 184 days');
      // Even the owner, declaring itself the purge, cannot delete a row younger than 184 days.
      await c.query(`SET xinyong.audit_purge = 'on'`);
      await expect(c.query(`DELETE FROM "AuditLog" WHERE "at" > now() - interval '150 days'`)).rejects.toThrow(
        'append-only',
      );
      await c.query(`RESET xinyong.audit_purge`);

      const result = await purgeAuditLog(c, { retentionDays: 365 });
      expect(result.purged).toBe(3);
      const report = await verifyAuditChain(c);
      expect(report).toMatchObject({ ok: true, rows: 3 }); // two kept rows and the PURGE entry
      const purge = await c.query(`SELECT detail FROM "AuditLog" WHERE action = 'PURGE'`);
      expect(purge.rows[0].detail).toMatchObject({ retentionDays: 365 });
      expect((await purgeAuditLog(c, { retentionDays: 365 })).purged).toBe(0);
    });
  });
});
