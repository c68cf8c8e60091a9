// Reading a route's JSON body within a size limit. The body is read as a stream and refused the moment it
// passes the limit, so an oversized request costs at most the limit in memory and is never parsed; malformed
// JSON, another content type and NUL characters (PostgreSQL text cannot hold them) are the client's errors.
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '@/lib/errors';

/** Default limit of a JSON body: forms and admin edits are a few KB. */
export const DEFAULT_JSON_BODY_BYTES = 256 * 1024;
/**
 * Routes that carry up to 500 rows of a catalog (fixes, explanations, reviews, manual entry, feedback):
 * 500 rows of about 30 Chinese fields, or 500 explanations of 1,000 characters, is under 2 MB of UTF-8.
 */
export const ROWS_JSON_BODY_BYTES = 4 * 1024 * 1024;

export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type))
    throw new UnsupportedMediaTypeError('请求内容应为 JSON（Content-Type: application/json）');
  const tooLarge = () => new PayloadTooLargeError(`请求内容超过大小上限（${formatLimit(maxBytes)}）`);
  const declared = Number(req.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new ValidationError('提交的内容不是有效的 JSON');
  }
  assertNoNul(value);
  return value;
}

/** Refuses a NUL character in any string or key of a parsed value, path parameter or query. */
export function assertNoNul(value: unknown): void {
  if (!hasNul(value)) return;
  throw new ValidationError('提交的内容含有不允许的控制字符（NUL）');
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}
