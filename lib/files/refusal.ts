// An upload that is refused after its body was streamed must not leave its file behind. What can be checked
// before storing is checked by the caller first (the catalog, the task); what can only be checked on the
// content (format, duplicate, rows) runs inside withStoredUpload, which removes the file again on refusal.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { rm } from 'node:fs/promises';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { PayloadTooLargeError, ValidationError } from '@/lib/errors';
import { resolveStoredPath, saveStream, type StoredUpload } from './store';

/** Streams `input` to the store and hands it to `use`; if `use` throws, what this call stored is removed. */
export async function withStoredUpload<T>(input: Readable, use: (upload: StoredUpload) => Promise<T>): Promise<T> {
  const upload = await saveStream(input);
  try {
    return await use(upload);
  } catch (err) {
    if (upload.created) await discardUnreferenced(upload);
    throw err;
  }
}

/** The raw body of an upload route; a declared size above the limit is refused before anything is read. */
export async function withUploadedBody<T>(req: Request, use: (upload: StoredUpload) => Promise<T>): Promise<T> {
  const max = env().UPLOAD_MAX_BYTES;
  if (Number(req.headers.get('content-length')) > max)
    throw new PayloadTooLargeError(`文件超过大小上限（${Math.round(max / 1024 / 1024)} MB）`);
  if (!req.body) throw new ValidationError('文件为空');
  return withStoredUpload(Readable.fromWeb(req.body as WebReadableStream<Uint8Array>), use);
}

// Only a file this request created, and only while no StoredFile row points at it: the same content may have
// been stored by an earlier, accepted upload (a refused duplicate must not take the original's file).
async function discardUnreferenced(upload: StoredUpload): Promise<void> {
  try {
    if (await db.storedFile.findUnique({ where: { sha256: upload.sha256 }, select: { id: true } })) return;
    await rm(resolveStoredPath(upload.storagePath), { force: true });
  } catch (err) {
    // The periodic sweep removes it later; the refusal the user sees is the one that matters.
    console.error('could not remove the file of a refused upload', upload.sha256, err);
  }
}
