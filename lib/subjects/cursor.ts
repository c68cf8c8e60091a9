// Keyset cursors (CONTRACTS.md): an opaque base64url of a page's sort key, so a deep page costs an index range
// like the first one instead of an OFFSET that reads and throws away every earlier row. A cursor someone edited
// is a 400 with a Chinese message, never a 500.
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';

const BAD_CURSOR = '翻页参数无效，请回到第一页重新查询';

/** Key of a record list: (createdAt, id), newest first. */
export type RecordKey = { at: Date; id: string };
/** Key of a subject list: (name, id), in name order. */
export type NameKey = { name: string; id: string };

const recordKey = z.tuple([z.iso.datetime(), z.uuid()]);
const nameKey = z.tuple([z.string().min(1).max(200), z.uuid()]);

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode<T>(schema: z.ZodType<T>, cursor: string): T {
  if (cursor.length > 400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new ValidationError(BAD_CURSOR);
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError(BAD_CURSOR);
  }
}

export function encodeRecordKey(key: RecordKey): string {
  return encode([key.at.toISOString(), key.id]);
}

export function decodeRecordKey(cursor: string): RecordKey {
  const [at, id] = decode(recordKey, cursor);
  return { at: new Date(at), id };
}

export function encodeNameKey(key: NameKey): string {
  return encode([key.name, key.id]);
}

export function decodeNameKey(cursor: string): NameKey {
  const [name, id] = decode(nameKey, cursor);
  return { name, id };
}

/** Optional cursor in a query string: absent or empty is the first page. */
export const cursorParam = z.string().max(400).optional();
