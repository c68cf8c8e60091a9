// The file store: uploads are written once, named by their SHA-256, so the same content is kept once and a
// file uploaded twice is recognised. Writes go to a temporary name first; nothing half-written is ever found.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { env } from '@/lib/env';
import { PayloadTooLargeError, ValidationError } from '@/lib/errors';

export interface StoredUpload {
  sha256: string;
  size: number;
  storagePath: string;
}

/** What saveStream wrote: `created` is false when the same content was already in the store. */
export interface SavedUpload extends StoredUpload {
  created: boolean;
}

export function storeRoot(): string {
  const dir = env().FILE_STORE_DIR;
  // The store lives outside the bundle; Turbopack must not try to trace its contents.
  return isAbsolute(dir) ? dir : resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
}

export function resolveStoredPath(rel: string): string {
  const root = storeRoot();
  const full = resolve(root, rel);
  if (!full.startsWith(root + '/')) throw new Error('Stored path escapes the file store');
  return full;
}

export async function saveStream(input: Readable, maxBytes = env().UPLOAD_MAX_BYTES): Promise<SavedUpload> {
  const root = storeRoot();
  await mkdir(join(root, 'tmp'), { recursive: true });
  const tmp = join(root, 'tmp', randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes)
        return cb(new PayloadTooLargeError(`文件超过大小上限（${Math.round(maxBytes / 1024 / 1024)} MB）`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(input, meter, createWriteStream(tmp, { mode: 0o600 }));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  if (size === 0) {
    await rm(tmp, { force: true });
    throw new ValidationError('文件为空');
  }
  const sha256 = hash.digest('hex');
  const storagePath = join(sha256.slice(0, 2), sha256);
  const target = resolveStoredPath(storagePath);
  await mkdir(dirname(target), { recursive: true });
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    await rm(tmp, { force: true });
    // Fresh again: the orphan sweep (./sweep.ts) must not take a file this upload is about to reference.
    const now = new Date();
    await utimes(target, now, now);
  } else await rename(tmp, target);
  return { sha256, size, storagePath, created: !exists };
}
