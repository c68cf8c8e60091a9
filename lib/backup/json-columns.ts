// The JSON columns of backups and restore drills: the manifest and checksums a backup recorded, and a drill's
// report. Each is read through its schema (lib/db/json-column.ts) instead of being cast.
import { z } from 'zod';
import { readJsonColumn } from '@/lib/db/json-column';
import type { Checksums } from './checksum';
import type { DrillReport } from './drill';
import type { Manifest } from './manifest';

const manifestSchema: z.ZodType<Manifest> = z.object({
  format: z.number(),
  backupId: z.string(),
  createdAt: z.string(),
  database: z.string(),
  serverVersion: z.string(),
  snapshotAt: z.string(),
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  tables: z.array(
    z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number(), file: z.string(), bytes: z.number() }),
  ),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
  files: z.object({ file: z.string(), count: z.number(), bytes: z.number() }),
});

const checksumsSchema: z.ZodType<Checksums> = z.record(z.string(), z.string());

const fileCheck = { missing: z.array(z.string()), corrupt: z.array(z.string()) };
const drillReportSchema: z.ZodType<DrillReport> = z.object({
  ok: z.boolean(),
  backupId: z.string(),
  source: z.enum(['LOCAL', 'OFFSITE']).nullable(),
  scratchDatabase: z.string().nullable(),
  checksums: z.object({ ok: z.boolean(), checked: z.number(), ...fileCheck }).nullable(),
  migrations: z.object({ fromBackup: z.number(), appliedAfter: z.array(z.string()) }).nullable(),
  tables: z.array(z.object({ name: z.string(), expected: z.number(), restored: z.number(), ok: z.boolean() })),
  rowsExpected: z.number(),
  rowsRestored: z.number(),
  sequences: z.number(),
  files: z.object({ expected: z.number(), inArchive: z.number(), ...fileCheck }).nullable(),
  auditChain: z.object({ ok: z.boolean(), rows: z.number(), message: z.string().optional() }).nullable(),
  problems: z.array(z.string()),
  durationMs: z.number(),
});

/** Backup.manifest (null until the backup is written). */
export function readManifest(value: unknown): Manifest | null {
  return readJsonColumn(manifestSchema.nullable(), value, 'Backup.manifest');
}

/** Backup.checksums (empty until the backup is written). */
export function readChecksums(value: unknown): Checksums {
  return readJsonColumn(checksumsSchema.nullable(), value, 'Backup.checksums') ?? {};
}

/** RestoreDrill.report (null until the drill ends). */
export function readDrillReport(value: unknown): DrillReport | null {
  return readJsonColumn(drillReportSchema.nullable(), value, 'RestoreDrill.report');
}
