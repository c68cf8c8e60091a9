// Time-ordered record ids (UUID version 7, RFC 9562): the records of an import land next to each other in the
// primary-key index instead of all over it, which keeps a million-row import's index writes in cache.
import { randomFillSync } from 'node:crypto';

let pool = Buffer.alloc(0);
let offset = 0;

export function timeOrderedUuid(now = Date.now()): string {
  if (offset + 10 > pool.length) {
    pool = randomFillSync(Buffer.alloc(10 * 1024));
    offset = 0;
  }
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(now, 0, 6); // 48-bit Unix time in ms
  pool.copy(b, 6, offset, offset + 10);
  offset += 10;
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
