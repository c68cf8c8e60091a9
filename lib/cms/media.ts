// Storing an uploaded image's variants in the file store and reading one back for GET /api/public/media.
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { db, type Db } from '@/lib/db';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '@/lib/errors';
import { resolveStoredPath, saveStream } from '@/lib/files/store';
import { IMAGE_MAX_BYTES, processImage, type ImageVariant } from './images';
import { mediaUrl, VARIANT_NAMES, type VariantName } from './media-url';

export interface UploadedImage {
  id: string;
  width: number;
  height: number;
  src: string;
  thumb: string;
}

/** The body of an upload request, at most IMAGE_MAX_BYTES (a declared larger size is refused unread). */
export async function readImageBody(req: Request): Promise<Buffer> {
  const tooLarge = () => new PayloadTooLargeError(`图片超过大小上限（${IMAGE_MAX_BYTES / 1024 / 1024} MB）`);
  if (Number(req.headers.get('content-length')) > IMAGE_MAX_BYTES) throw tooLarge();
  if (!req.body) throw new ValidationError('请选择要上传的图片');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > IMAGE_MAX_BYTES) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  if (size === 0) throw new ValidationError('请选择要上传的图片');
  return Buffer.concat(chunks);
}

export async function storeImage(
  input: Buffer,
  actor: { user: Pick<CurrentUser, 'id' | 'username' | 'departmentId'> | null; ip: string | null; fileName?: string },
): Promise<UploadedImage> {
  const processed = await processImage(input);
  const saved: (ImageVariant & { sha256: string; size: number; storagePath: string })[] = [];
  for (const v of processed.variants) {
    const file = await saveStream(Readable.from(v.data), IMAGE_MAX_BYTES);
    saved.push({ ...v, ...file });
  }
  const image = await db.$transaction(async (tx) => {
    // A StoredFile row per variant keeps the orphan sweep (lib/files/sweep.ts) away from it.
    for (const v of saved)
      await tx.storedFile.upsert({
        where: { sha256: v.sha256 },
        create: {
          sha256: v.sha256,
          size: v.size,
          originalName: `${v.name}.webp`,
          contentType: 'image/webp',
          storagePath: v.storagePath,
          uploadedById: actor.user?.id ?? null,
        },
        update: {},
      });
    return tx.mediaImage.create({
      data: {
        width: processed.width,
        height: processed.height,
        uploadedById: actor.user?.id ?? null,
        variants: {
          create: saved.map((v) => ({
            name: v.name,
            width: v.width,
            height: v.height,
            size: v.size,
            sha256: v.sha256,
            storagePath: v.storagePath,
          })),
        },
      },
    });
  });
  if (actor.user)
    await writeAudit(db, {
      ...actorOf(actor.user, actor.ip),
      module: 'cms',
      action: 'image.upload',
      objectType: 'MediaImage',
      objectId: image.id,
      detail: { width: image.width, height: image.height, bytes: input.length, fileName: actor.fileName ?? null },
    });
  return {
    id: image.id,
    width: image.width,
    height: image.height,
    src: mediaUrl(image.id, 'w960'),
    thumb: mediaUrl(image.id, 'thumb'),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function readVariant(
  client: Db,
  imageId: string,
  variant: string,
): Promise<{ data: Buffer; width: number }> {
  if (!UUID.test(imageId) || !(VARIANT_NAMES as readonly string[]).includes(variant))
    throw new NotFoundError('图片不存在');
  const row = await client.mediaVariant.findUnique({
    where: { imageId_name: { imageId, name: variant as VariantName } },
    select: { storagePath: true, width: true },
  });
  if (!row) throw new NotFoundError('图片不存在');
  return { data: await readFile(resolveStoredPath(row.storagePath)), width: row.width };
}

/** Intrinsic sizes of images, for width/height and srcset on the page. */
export async function imageSizes(client: Db, ids: string[]): Promise<Map<string, { width: number; height: number }>> {
  if (!ids.length) return new Map();
  const rows = await client.mediaImage.findMany({
    where: { id: { in: ids } },
    select: { id: true, width: true, height: true },
  });
  return new Map(rows.map((r) => [r.id, { width: r.width, height: r.height }]));
}
