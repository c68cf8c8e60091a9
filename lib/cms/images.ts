// Uploaded images become WebP variants: three widths for srcset and a 240×160 cover thumbnail. The type is
// decided by the content (sharp reads the header), never by the file name; orientation is applied and, since
// sharp writes no metadata unless asked, EXIF (camera, GPS) is dropped. The original is not kept.
import sharp from 'sharp';
import { UnsupportedMediaTypeError, ValidationError } from '@/lib/errors';
import { THUMB, VARIANTS, type VariantName } from './media-url';

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif']);
// A decompression bomb (a tiny file that decodes to gigapixels) is refused before decoding.
const MAX_PIXELS = 40_000_000;

export interface ImageVariant {
  name: VariantName;
  width: number;
  height: number;
  data: Buffer;
}

export interface ProcessedImage {
  width: number;
  height: number;
  variants: ImageVariant[];
}

const REFUSED = '只能上传 JPG、PNG、WebP 或 GIF 图片，该文件不是有效的图片';

export async function processImage(input: Buffer): Promise<ProcessedImage> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new UnsupportedMediaTypeError(REFUSED);
  }
  if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height)
    throw new UnsupportedMediaTypeError(REFUSED);
  if (meta.width * meta.height > MAX_PIXELS) throw new ValidationError('图片像素过大，请缩小后再上传');
  // EXIF orientations 5–8 swap width and height.
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = swapped ? meta.height : meta.width;
  const height = swapped ? meta.width : meta.height;
  const base = () => sharp(input, { limitInputPixels: MAX_PIXELS }).rotate();
  try {
    const variants: ImageVariant[] = [];
    for (const v of VARIANTS) {
      const { data, info } = await base()
        .resize({ width: v.width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      variants.push({ name: v.name, width: info.width, height: info.height, data });
    }
    const { data, info } = await base()
      .resize({ width: THUMB.width, height: THUMB.height, fit: 'cover', position: 'attention' })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    variants.push({ name: THUMB.name, width: info.width, height: info.height, data });
    return { width, height, variants };
  } catch {
    // A header that looks right over a broken body.
    throw new UnsupportedMediaTypeError(REFUSED);
  }
}
