// Keyset cursors of the public site: opaque base64url of the sort key. A cursor that does not decode to the
// expected shape is the client's mistake (400 with a Chinese message), never a 500.
import type { z } from 'zod';
import { ValidationError } from '@/lib/errors';

const BAD_CURSOR = '翻页参数无效，请从第一页重新查询';

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T>(raw: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (raw.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw new ValidationError(BAD_CURSOR);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError(BAD_CURSOR);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(BAD_CURSOR);
  return parsed.data;
}
