// The outbound flow to the city platform: the county's 双公示 records — public administrative licences
// and penalties under the publication rule (lib/publication/rule.ts) — uploaded to the city platform node, with
// the city's acknowledgement kept per item and everything not acknowledged sent again at the next run.
//
// One CityUpload row per (record, revision): a record that changed since its last upload (a new revision) gets a
// new row and the older unacknowledged one is SUPERSEDED, so the city never receives an outdated version after
// a newer one. Queueing is one INSERT … SELECT … ON CONFLICT DO NOTHING, so two runs at once queue nothing twice;
// an item is sent with its id, so a city that receives it twice (the answer was lost) recognises it.
//
// Wire format (what the stand-in in test/support/city-standin.ts implements):
//   POST {endpoint}/uploads   Authorization: Bearer {credentials.apiKey}
//   { "items": [{ "id", "kind", "objectId", "revision", "sha256", "catalogCode", "data": { public fields } }] }
//   → 200 { "acknowledged": [{ "id", "cityRef" }] }   (an item not listed is not acknowledged yet)
import { loadCatalogDef } from '@/lib/catalog/load';
import { db } from '@/lib/db';
import { publicationDay, publicFields, publicRecordSql } from '@/lib/publication/rule';
import { unsealJson } from '@/lib/crypto/pii';
import { z } from 'zod';

/** The catalogs of 双公示 (行政许可、行政处罚). */
export const SHUANG_GONGSHI_CATALOGS = ['ADMIN_LICENSE', 'ADMIN_PENALTY'] as const;
const KIND = 'SHUANG_GONGSHI';
const PER_REQUEST = 200;
const MAX_REQUESTS = 50;

export interface CityUploadResult {
  /** No city platform node registered: nothing to do. */
  skipped: boolean;
  queued: number;
  sent: number;
  acknowledged: number;
  /** Items the city did not acknowledge (or a request that failed): sent again next run. */
  pending: number;
  error?: string;
}

const answerSchema = z.object({
  acknowledged: z.array(z.object({ id: z.string(), cityRef: z.string().max(200).optional() })).max(10_000),
});

/** Queues the records that changed since their last upload; sends every unacknowledged item. */
export async function uploadToCity(now = new Date()): Promise<CityUploadResult> {
  const node = await db.exchangeNode.findFirst({ where: { kind: 'CITY_PLATFORM' }, orderBy: { createdAt: 'asc' } });
  if (!node) return { skipped: true, queued: 0, sent: 0, acknowledged: 0, pending: 0 };
  const queued = await queueChanged(now);
  const credentials = node.credentials ? unsealJson<Record<string, string>>(node.credentials) : {};
  const result: CityUploadResult = { skipped: false, queued, sent: 0, acknowledged: 0, pending: 0 };
  const seen = new Set<string>();
  for (let i = 0; i < MAX_REQUESTS; i++) {
    const items = await db.cityUpload.findMany({
      where: { kind: KIND, status: { in: ['PENDING', 'SENT', 'FAILED'] }, id: { notIn: [...seen] } },
      orderBy: { createdAt: 'asc' },
      take: PER_REQUEST,
    });
    if (!items.length) break;
    items.forEach((it) => seen.add(it.id));
    const payload = await payloadOf(items);
    let acked: Map<string, string | undefined>;
    try {
      acked = await post(node.endpoint, credentials.apiKey ?? '', payload);
    } catch (err) {
      const error = (err as Error).message.slice(0, 500);
      await db.cityUpload.updateMany({
        where: { id: { in: items.map((it) => it.id) } },
        data: { status: 'FAILED', attempts: { increment: 1 }, lastAttemptAt: now, lastError: error },
      });
      result.pending += items.length;
      result.error = error;
      continue;
    }
    result.sent += items.length;
    await db.$transaction(async (tx) => {
      for (const it of items) {
        const ack = acked.has(it.id);
        await tx.cityUpload.update({
          where: { id: it.id },
          data: {
            status: ack ? 'ACKNOWLEDGED' : 'SENT',
            attempts: { increment: 1 },
            lastAttemptAt: now,
            lastError: ack ? null : '市平台尚未确认，下次运行重新发送',
            ...(ack ? { acknowledgedAt: now, cityRef: acked.get(it.id) ?? null } : {}),
          },
        });
      }
    });
    result.acknowledged += items.filter((it) => acked.has(it.id)).length;
    result.pending += items.filter((it) => !acked.has(it.id)).length;
  }
  return result;
}

/** New (record, revision) pairs of public 双公示 records; older unacknowledged revisions are superseded. */
async function queueChanged(now: Date): Promise<number> {
  const catalogs = await db.catalog.findMany({
    where: { code: { in: [...SHUANG_GONGSHI_CATALOGS] }, sensitivity: 'PUBLIC' },
    select: { id: true },
  });
  if (!catalogs.length) return 0;
  const day = publicationDay(now);
  const inserted = await db.$executeRawUnsafe(
    `INSERT INTO "CityUpload" (id, kind, "objectId", revision, "payloadSha256")
     SELECT gen_random_uuid(), '${KIND}', r.id::text, r.revision, encode(sha256(convert_to(r.data::text, 'UTF8')), 'hex')
       FROM "CreditRecord" r
      WHERE ${publicRecordSql('r', '$1', '$2')}
     ON CONFLICT (kind, "objectId", revision) DO NOTHING`,
    day,
    catalogs.map((c) => c.id),
  );
  await db.$executeRawUnsafe(
    `UPDATE "CityUpload" u SET status = 'SUPERSEDED'
      WHERE u.kind = '${KIND}' AND u.status IN ('PENDING', 'SENT', 'FAILED')
        AND EXISTS (SELECT 1 FROM "CityUpload" n WHERE n.kind = u.kind AND n."objectId" = u."objectId"
                     AND n.revision > u.revision)`,
  );
  return inserted;
}

async function payloadOf(items: { id: string; objectId: string; revision: number; payloadSha256: string }[]) {
  const records = await db.creditRecord.findMany({
    where: { id: { in: items.map((it) => it.objectId) } },
    select: { id: true, data: true, catalogVersionId: true },
  });
  const byId = new Map(records.map((r) => [r.id, r]));
  const defs = new Map<string, Awaited<ReturnType<typeof loadCatalogDef>>>();
  const out = [];
  for (const it of items) {
    const record = byId.get(it.objectId);
    if (!record) continue;
    let def = defs.get(record.catalogVersionId);
    if (!def) defs.set(record.catalogVersionId, (def = await loadCatalogDef(db, record.catalogVersionId)));
    const data = record.data as Record<string, unknown>;
    // Only the fields the public may see leave the platform: never a sealed personal field.
    const fields = Object.fromEntries(publicFields(def.fields).map((f) => [f.key, data[f.key] ?? null]));
    out.push({
      id: it.id,
      kind: KIND,
      objectId: it.objectId,
      revision: it.revision,
      sha256: it.payloadSha256,
      catalogCode: def.code,
      data: fields,
    });
  }
  return { items: out };
}

async function post(endpoint: string, apiKey: string, body: unknown): Promise<Map<string, string | undefined>> {
  const res = await fetch(`${endpoint.replace(/\/+$/, '')}/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  }).catch((err: unknown) => {
    throw new Error(`无法连接市平台：${(err as Error).message}`);
  });
  if (!res.ok) throw new Error(`市平台拒绝了上传（HTTP ${res.status}）`);
  const parsed = answerSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new Error('市平台的确认格式不正确');
  return new Map(parsed.data.acknowledged.map((a) => [a.id, a.cityRef]));
}
