// Verification of the audit hash chain (等保 8.1.4.3 c, 8.1.4.7): recompute every row's hash in id order and
// report the first break. An edited row no longer matches its own hash; a deleted row leaves the next row
// pointing at a hash that is not its predecessor's; rows purged by the retention job (lib/audit/retention.ts)
// are accounted for by the purge's own entry; a truncated tail is caught by an anchor (id and hash) that
// an earlier run printed and someone kept elsewhere.
import { chainHash, GENESIS_HASH } from '@/lib/audit';

export interface AuditRow {
  id: string;
  at: Date;
  userId: string | null;
  username: string | null;
  deptId: string | null;
  ip: string | null;
  module: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  detail: unknown;
  prevHash: string;
  hash: string;
}

export type ChainBreak =
  | { kind: 'edited'; id: string; message: string }
  | { kind: 'missing'; id: string; afterId: string | null; message: string }
  | { kind: 'start'; id: string; message: string }
  | { kind: 'anchor'; id: string; message: string };

export interface ChainReport {
  ok: boolean;
  rows: number;
  firstId: string | null;
  head: { id: string; hash: string } | null;
  break?: ChainBreak;
}

export interface Anchor {
  id: string;
  hash: string;
}

/** The checks on rows already in id order; `startHash` is GENESIS or the last hash a purge removed. */
export async function verifyRows(
  rows: AsyncIterable<AuditRow> | Iterable<AuditRow>,
  opts: { startHash?: string; anchors?: Anchor[] } = {},
): Promise<ChainReport> {
  const anchors = new Map((opts.anchors ?? []).map((a) => [a.id, a.hash]));
  let prev: AuditRow | null = null;
  let count = 0;
  let firstId: string | null = null;
  const report = (b?: ChainBreak): ChainReport => ({
    ok: !b,
    rows: count,
    firstId,
    head: prev ? { id: prev.id, hash: prev.hash } : null,
    ...(b ? { break: b } : {}),
  });
  for await (const row of rows) {
    count++;
    firstId ??= row.id;
    const expectedPrev = prev ? prev.hash : (opts.startHash ?? GENESIS_HASH);
    if (row.prevHash !== expectedPrev) {
      if (!prev) return report({ kind: 'start', id: row.id, message: `row ${row.id} does not start the chain` });
      const gap = BigInt(row.id) - BigInt(prev.id) - 1n;
      return report({
        kind: 'missing',
        id: row.id,
        afterId: prev.id,
        message: `row ${row.id} does not follow row ${prev.id}: ${gap > 0n ? `${gap} row(s) deleted` : 'rows deleted or reordered'}`,
      });
    }
    const hash = chainHash(row.prevHash, { ...row, result: row.result as 'OK' });
    if (hash !== row.hash) return report({ kind: 'edited', id: row.id, message: `row ${row.id} was changed` });
    const anchored = anchors.get(row.id);
    if (anchored !== undefined && anchored !== row.hash) {
      return report({ kind: 'anchor', id: row.id, message: `row ${row.id} differs from the recorded anchor` });
    }
    anchors.delete(row.id);
    prev = row;
  }
  const lost = [...anchors.keys()].find((id) => !prev || BigInt(id) > BigInt(firstId ?? '0'));
  if (lost) return report({ kind: 'anchor', id: lost, message: `anchored row ${lost} is gone (the tail was cut)` });
  return report();
}

/** Anything that runs parameterised SQL the way `pg` does (a Client or a Pool). */
export interface Queryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

const PAGE = 5_000;

// Timestamps as exact UTC text: `pg` would read a timestamp without time zone in the process's local zone.
// ORDER BY names the table's column: the text alias `id` would sort 10 before 2.
const SELECT = `SELECT id::text AS id, to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, "userId"::text AS "userId",
  username, "deptId"::text AS "deptId", ip, module, action, "objectType", "objectId", result, detail, "prevHash", hash
  FROM "AuditLog" WHERE id > $1::bigint ORDER BY "AuditLog".id LIMIT ${PAGE}`;

async function* pages(db: Queryable): AsyncGenerator<AuditRow> {
  let after = '0';
  for (;;) {
    const { rows } = await db.query<Omit<AuditRow, 'at'> & { at: string }>(SELECT, [after]);
    for (const r of rows) yield { ...r, at: new Date(r.at) };
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Verifies the whole table. A chain whose start was purged must start where the last purge said it ended. */
export async function verifyAuditChain(db: Queryable, opts: { anchors?: Anchor[] } = {}): Promise<ChainReport> {
  const purge = await db.query<{ detail: { lastHash?: string } }>(
    `SELECT detail FROM "AuditLog" WHERE module = 'audit' AND action = 'PURGE' ORDER BY id DESC LIMIT 1`,
  );
  const startHash = purge.rows[0]?.detail?.lastHash ?? GENESIS_HASH;
  return verifyRows(pages(db), { startHash, anchors: opts.anchors });
}
