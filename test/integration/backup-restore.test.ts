// Backups and restore drills on the real stack (R-7.7, 等保 8.1.4.9): the backup workflow dumps every table
// from one snapshot plus the file store, copies it off site and verifies it there; a restore drill loads it
// into a scratch database and finds every table's count equal to the manifest, every file and an intact
// audit chain; a corrupted file is caught by its checksum; keep-N pruning removes the oldest copies; a
// pruned local copy is restored from off site. A dedicated worker runs with its own backup directories.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../lib/backup/manifest';
import { verifyDirectory } from '../../lib/backup/checksum';
import { readChecksums, readDrillReport, readManifest } from '../../lib/backup/json-columns';
import { requestBackup, requestRestoreDrill } from '../../lib/backup/service';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ForbiddenError } from '../../lib/errors';
import { temporal } from '../../lib/temporal';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { createTestUser } from '../support/users';
import { waitForBatchStatus } from '../support/wait';
import { killGroup } from '../support/worker-process';

const queue = `backup-${randomUUID()}`;
const root = mkdtempSync(join(tmpdir(), 'backup-test-'));
const localDir = join(root, 'local');
const offsiteDir = join(root, 'offsite');
let worker: ChildProcess;
let admin: CurrentUser;
let first: { id: string; manifest: Manifest };

async function runBackup(): Promise<string> {
  const { id } = await requestBackup(admin, '127.0.0.1', queue);
  const result = await temporal().workflow.getHandle(id).result();
  expect(result).toMatchObject({ backupId: id, status: 'SUCCEEDED', offsite: 'VERIFIED' });
  return id;
}

async function runDrill(backupId: string) {
  const { id } = await requestRestoreDrill(admin, backupId, '127.0.0.1', queue);
  await temporal().workflow.getHandle(`restore-drill-${id}`).result();
  const drill = await db.restoreDrill.findUniqueOrThrow({ where: { id } });
  return { drill, report: readDrillReport(drill.report)! };
}

beforeAll(async () => {
  worker = spawn('npx', ['tsx', 'worker/main.ts'], {
    env: {
      ...process.env,
      TEMPORAL_TASK_QUEUE: queue,
      BACKUP_DIR: localDir,
      BACKUP_OFFSITE_DIR: offsiteDir,
      BACKUP_KEEP: '2',
      BACKUP_OFFSITE_KEEP: '3',
    },
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const u = await createTestUser({ roles: ['SYS_ADMIN'] });
  admin = (await loadUser({ id: u.id }))!;
  // Data in every stage: stored records, suspect rows, a stored upload in the file store, audit entries.
  const path = join(root, 'penalties.xlsx');
  await writePenaltyXlsx(path, penaltyRows(40, { faultEvery: 8, prefix: `BK${Date.now()}-` }));
  const batch = await uploadAs('swj01', 'ADMIN_PENALTY', path);
  await waitForBatchStatus(batch.id, ['RETURNED', 'COMPLETED', 'FAILED']);
}, 300_000);

afterAll(async () => {
  killGroup(worker, 'SIGTERM');
  await db.$disconnect();
});

describe('backup', () => {
  it('R-7.7 dumps every table from one snapshot with the file store, manifest and checksums', async () => {
    const id = await runBackup();
    const b = await db.backup.findUniqueOrThrow({ where: { id } });
    expect(b.status).toBe('SUCCEEDED');
    expect(b.path).toBe(join(localDir, id));
    const manifest = readManifest(b.manifest)!;
    first = { id, manifest };
    const names = manifest.tables.map((t) => t.name);
    for (const t of ['AuditLog', 'CreditRecord', 'ImportBatch', 'StoredFile', 'SuspectItem', 'User', 'Backup'])
      expect(names).toContain(t);
    expect(names).not.toContain('_prisma_migrations');
    expect(manifest.migrations.map((m) => m.name)).toContain('20261128150000_stats_backup');
    // Tables nobody writes to during the test match the live counts exactly.
    const live = { CreditRecord: await db.creditRecord.count(), StoredFile: await db.storedFile.count() };
    for (const [name, count] of Object.entries(live))
      expect(manifest.tables.find((t) => t.name === name)?.rows, name).toBe(count);
    expect(manifest.files.count).toBeGreaterThanOrEqual(live.StoredFile);
    const checksums = readChecksums(b.checksums);
    expect(Object.keys(checksums)).toEqual(
      expect.arrayContaining(['manifest.json', 'files.tar.gz', 'db/AuditLog.csv.gz']),
    );
    expect((await verifyDirectory(b.path!, checksums)).ok).toBe(true);
    expect(readFileSync(join(b.path!, 'SHA256SUMS'), 'utf8')).toContain(`${checksums['files.tar.gz']}  files.tar.gz`);
  });

  it('R-7.7 copies the backup off site and the copy verifies against the recorded checksums', async () => {
    const b = await db.backup.findUniqueOrThrow({ where: { id: first.id } });
    expect(b.offsiteStatus).toBe('VERIFIED');
    expect(b.offsitePath).toBe(join(offsiteDir, first.id));
    expect(b.offsiteVerifiedAt).toBeInstanceOf(Date);
    const check = await verifyDirectory(b.offsitePath!, readChecksums(b.checksums));
    expect(check).toMatchObject({ ok: true, corrupt: [], missing: [] });
    expect(check.checked).toBe(first.manifest.tables.length + 2);
  });

  it('R-8.2 refuses backups to anyone without backup:manage, and logs the attempt', async () => {
    const staff = (await loadUser({ username: 'xyzx01' }))!;
    await expect(requestBackup(staff, '127.0.0.1', queue)).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await db.auditLog.findFirst({
      where: { userId: staff.id, module: 'backup', result: 'DENIED' },
      orderBy: { id: 'desc' },
    });
    expect(denied?.action).toBe('CREATE');
  });
});

describe('restore drill', () => {
  it('R-7.7 restores into a scratch database: every table count equals the manifest, files and audit chain intact', async () => {
    const { drill, report } = await runDrill(first.id);
    expect(report.problems).toEqual([]);
    expect(drill.status).toBe('PASSED');
    expect(report.source).toBe('LOCAL');
    expect(report.tables).toHaveLength(first.manifest.tables.length);
    for (const t of report.tables) {
      expect(t.restored, t.name).toBe(first.manifest.tables.find((m) => m.name === t.name)!.rows);
    }
    expect(report.rowsRestored).toBe(report.rowsExpected);
    expect(report.rowsRestored).toBeGreaterThan(0);
    expect(report.files!.expected).toBeGreaterThan(0);
    expect(report.files).toMatchObject({ missing: [], corrupt: [] });
    expect(report.auditChain).toMatchObject({ ok: true });
    expect(report.auditChain!.rows).toBe(first.manifest.tables.find((t) => t.name === 'AuditLog')!.rows);
    // The scratch database is gone.
    expect(drill.scratchDatabase).toMatch(/^xinyong_restore_\d{14}_[0-9a-f]{8}$/);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const left = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [drill.scratchDatabase]);
    await client.end();
    expect(left.rowCount).toBe(0);
  });

  it('R-7.7 detects a corrupted backup file by its checksum and restores nothing', async () => {
    const id = await runBackup();
    const b = await db.backup.findUniqueOrThrow({ where: { id } });
    const file = join(b.path!, 'db/CreditRecord.csv.gz');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
    writeFileSync(file, bytes);
    const { drill, report } = await runDrill(id);
    expect(drill.status).toBe('FAILED');
    expect(report.checksums).toMatchObject({ ok: false, corrupt: ['db/CreditRecord.csv.gz'], missing: [] });
    expect(report.tables).toEqual([]);
    expect(drill.scratchDatabase).toBeNull();
    expect(drill.error).toContain('db/CreditRecord.csv.gz');
    // The off-site copy of the same backup is untouched and still verifies.
    expect((await verifyDirectory(b.offsitePath!, readChecksums(b.checksums))).ok).toBe(true);
  });

  it('R-7.7 keeps the newest N local copies, prunes the oldest, and restores a pruned one from off site', async () => {
    const third = await runBackup();
    const oldest = await db.backup.findUniqueOrThrow({ where: { id: first.id } });
    expect(oldest.prunedAt).toBeInstanceOf(Date);
    expect(existsSync(oldest.path!)).toBe(false);
    const kept = await db.backup.findMany({ where: { path: { startsWith: localDir }, prunedAt: null } });
    expect(kept.map((k) => k.id).sort()).toHaveLength(2);
    expect(kept.map((k) => k.id)).toContain(third);
    for (const k of kept) expect(existsSync(k.path!)).toBe(true);
    // Three off-site copies are kept: the oldest is still there, and a drill restores from it.
    expect(oldest.offsitePrunedAt).toBeNull();
    const { drill, report } = await runDrill(first.id);
    expect(report.source).toBe('OFFSITE');
    expect(report.problems).toEqual([]);
    expect(drill.status).toBe('PASSED');
    expect(report.rowsRestored).toBe(report.rowsExpected);
  });
});
