// The restore drill (R-7.7, 等保 8.1.4.9 a "恢复测试记录"): a backup is checked against its recorded checksums,
// loaded into a scratch database on the same server (xinyong_restore_<time>_<drill>) with the migrations it
// was taken under, counted table by table against its manifest, its files matched against the restored
// StoredFile rows, its audit chain re-verified; then the scratch database is dropped. The report is kept.
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { verifyAuditChain, type Queryable } from '@/lib/audit/verify';
import type { Db } from '@/lib/db';
import { migrate } from '@/lib/db/migrate';
import { verifyDirectory, type Checksums } from './checksum';
import { backupConfig } from './config';
import { admin, checkFiles, locate, MIGRATIONS, unknownMigrations } from './drill-checks';
import type { Progress } from './dump';
import { FILES_ARCHIVE, MANIFEST_FILE, type Manifest } from './manifest';
import { loadBackup, type TableResult } from './restore';
import { jsonInput } from '@/lib/db/json-column';

export interface DrillReport {
  ok: boolean;
  backupId: string;
  source: 'LOCAL' | 'OFFSITE' | null;
  scratchDatabase: string | null;
  checksums: { ok: boolean; checked: number; corrupt: string[]; missing: string[] } | null;
  migrations: { fromBackup: number; appliedAfter: string[] } | null;
  tables: TableResult[];
  rowsExpected: number;
  rowsRestored: number;
  sequences: number;
  files: { expected: number; inArchive: number; missing: string[]; corrupt: string[] } | null;
  auditChain: { ok: boolean; rows: number; message?: string } | null;
  problems: string[];
  durationMs: number;
}

function scratchName(drillId: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `xinyong_restore_${stamp}_${drillId.replace(/-/g, '').slice(0, 8)}`;
}

export async function runDrill(db: Db, drillId: string, progress: Progress): Promise<DrillReport> {
  const started = Date.now();
  const drill = await db.restoreDrill.findUniqueOrThrow({ where: { id: drillId }, include: { backup: true } });
  const b = drill.backup;
  const report: DrillReport = {
    ok: false,
    backupId: b.id,
    source: null,
    scratchDatabase: null,
    checksums: null,
    migrations: null,
    tables: [],
    rowsExpected: 0,
    rowsRestored: 0,
    sequences: 0,
    files: null,
    auditChain: null,
    problems: [],
    durationMs: 0,
  };
  const finish = async (): Promise<DrillReport> => {
    report.durationMs = Date.now() - started;
    report.ok = report.problems.length === 0;
    await db.restoreDrill.update({
      where: { id: drillId },
      data: {
        status: report.ok ? 'PASSED' : 'FAILED',
        finishedAt: new Date(),
        report: jsonInput(report),
        error: report.problems.join('；').slice(0, 2000) || null,
      },
    });
    return report;
  };

  const copy = await locate(b);
  if (!copy) {
    report.problems.push('本地与异地均无可用的备份副本');
    return finish();
  }
  report.source = copy.source;
  const checksums = (b.checksums ?? {}) as Checksums;
  progress({ step: 'verify', source: copy.source });
  report.checksums = await verifyDirectory(copy.dir, checksums);
  if (!Object.keys(checksums).length) report.problems.push('备份记录中没有校验值');
  if (!report.checksums.ok) {
    const bad = [...report.checksums.corrupt, ...report.checksums.missing];
    report.problems.push(`校验失败：${bad.join('、')}`);
    return finish();
  }
  const manifest = JSON.parse(await readFile(join(copy.dir, MANIFEST_FILE), 'utf8')) as Manifest;
  const missingMigrations = await unknownMigrations(manifest);
  if (missingMigrations.length) {
    report.problems.push(`本系统缺少备份所用的迁移：${missingMigrations.join('、')}`);
    return finish();
  }

  const scratch = scratchName(drillId, drill.startedAt);
  report.scratchDatabase = scratch;
  await db.restoreDrill.update({ where: { id: drillId }, data: { source: copy.source, scratchDatabase: scratch } });
  const config = backupConfig();
  await admin(config.databaseUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(scratch)} WITH (FORCE)`); // a retried drill
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(scratch)}`);
  });
  try {
    const url = new URL(config.databaseUrl);
    url.pathname = `/${scratch}`;
    await restoreInto(url.toString(), copy.dir, manifest, report, progress);
  } catch (err) {
    report.problems.push(`恢复失败：${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await admin(config.databaseUrl, (c) =>
      c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(scratch)} WITH (FORCE)`),
    );
  }
  return finish();
}

async function restoreInto(url: string, dir: string, manifest: Manifest, report: DrillReport, progress: Progress) {
  // The schema as it was when the backup was taken, then the data, then any later migrations over it.
  const atBackup = await mkdtemp(join(tmpdir(), 'xinyong-migrations-'));
  try {
    for (const m of manifest.migrations) {
      await mkdir(join(atBackup, m.name));
      await copyFile(join(MIGRATIONS, m.name, 'migration.sql'), join(atBackup, m.name, 'migration.sql'));
    }
    progress({ step: 'migrate' });
    await migrate(url, { migrationsDir: atBackup });
  } finally {
    await rm(atBackup, { recursive: true, force: true });
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    report.tables = await loadBackup(client, dir, manifest, progress);
    report.rowsExpected = report.tables.reduce((n, t) => n + t.expected, 0);
    report.rowsRestored = report.tables.reduce((n, t) => n + t.restored, 0);
    report.sequences = manifest.sequences.length;
    const wrong = report.tables.filter((t) => !t.ok);
    if (wrong.length)
      report.problems.push(`行数不符：${wrong.map((t) => `${t.name} ${t.restored}/${t.expected}`).join('、')}`);
    const after = await migrate(url, { migrationsDir: MIGRATIONS });
    report.migrations = { fromBackup: manifest.migrations.length, appliedAfter: after.applied };

    progress({ step: 'files' });
    report.files = await checkFiles(client, join(dir, FILES_ARCHIVE));
    if (report.files.missing.length || report.files.corrupt.length) {
      report.problems.push(`文件缺失 ${report.files.missing.length} 个，损坏 ${report.files.corrupt.length} 个`);
    }
    progress({ step: 'audit-chain' });
    const chain = await verifyAuditChain(client as unknown as Queryable);
    report.auditChain = { ok: chain.ok, rows: chain.rows, ...(chain.break ? { message: chain.break.message } : {}) };
    if (!chain.ok) report.problems.push(`审计日志链校验失败：${chain.break?.message ?? ''}`);
  } finally {
    await client.end();
  }
}
