// Retention of the audit log (Cybersecurity Law Art. 21: network logs kept at least six months). The log is
// append-only, so retention means "never purge anything younger than AUDIT_RETENTION_DAYS (≥ 184)". The purge
// runs as the database owner (the application's role has no DELETE on AuditLog), in a session that declares
// itself the purge; the trigger still refuses any row younger than 184 days. It removes a prefix of the chain
// and appends a PURGE entry naming the last removed hash, where verification then starts the chain.
import type pg from 'pg';
import { chainHash } from '@/lib/audit';

const MIN_RETENTION_DAYS = 184;
const AUDIT_LOCK = 7351001; // lib/audit.ts's writers take the same lock

export interface PurgeResult {
  purged: number;
  upToId: string | null;
  cutoff: Date;
}

export async function purgeAuditLog(
  client: pg.Client,
  opts: { retentionDays: number; now?: Date; actor?: string },
): Promise<PurgeResult> {
  if (!Number.isInteger(opts.retentionDays) || opts.retentionDays < MIN_RETENTION_DAYS) {
    throw new Error(`audit retention must be at least ${MIN_RETENTION_DAYS} days, not ${opts.retentionDays}`);
  }
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.retentionDays * 86_400_000);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    await client.query(`SET LOCAL xinyong.audit_purge = 'on'`);
    // The prefix of rows older than the cutoff: ids and times grow together (one writer at a time).
    const last = await client.query<{ id: string; hash: string }>(
      `SELECT id::text AS id, hash FROM "AuditLog" WHERE "at" < ($1::timestamptz AT TIME ZONE 'UTC')
       ORDER BY "AuditLog".id DESC LIMIT 1`,
      [cutoff.toISOString()],
    );
    const upTo = last.rows[0];
    if (!upTo) {
      await client.query('ROLLBACK');
      return { purged: 0, upToId: null, cutoff };
    }
    const deleted = await client.query(`DELETE FROM "AuditLog" WHERE id <= $1::bigint`, [upTo.id]);
    const head = await client.query<{ hash: string }>(`SELECT hash FROM "AuditLog" ORDER BY id DESC LIMIT 1`);
    // The new entry follows the newest row kept, or the last purged one when nothing is left.
    const prevHash = head.rows[0]?.hash ?? upTo.hash;
    const entry = {
      at: new Date(),
      username: opts.actor ?? 'audit-purge',
      module: 'audit',
      action: 'PURGE',
      result: 'OK' as const,
      detail: { upToId: upTo.id, lastHash: upTo.hash, cutoff: cutoff.toISOString(), retentionDays: opts.retentionDays },
    };
    await client.query(
      `INSERT INTO "AuditLog" ("at", username, module, action, result, detail, "prevHash", hash)
       VALUES (($1::timestamptz AT TIME ZONE 'UTC'), $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.at.toISOString(),
        entry.username,
        entry.module,
        entry.action,
        entry.result,
        JSON.stringify(entry.detail),
        prevHash,
        chainHash(prevHash, entry),
      ],
    );
    await client.query('COMMIT');
    return { purged: deleted.rowCount ?? 0, upToId: upTo.id, cutoff };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
