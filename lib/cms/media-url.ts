// The URLs of our own images: the only `src` an article may carry. Pure, so the sanitizer, the renderer and
// the editor agree on one shape.

export const VARIANTS = [
  { name: 'w480', width: 480 },
  { name: 'w960', width: 960 },
  { name: 'w1600', width: 1600 },
] as const;
export const THUMB = { name: 'thumb', width: 240, height: 160 } as const;
export const VARIANT_NAMES = [...VARIANTS.map((v) => v.name), THUMB.name] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

const MEDIA_SRC =
  /^\/api\/public\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(w480|w960|w1600|thumb)$/;

export function mediaUrl(imageId: string, variant: VariantName): string {
  return `/api/public/media/${imageId}/${variant}`;
}

/** The image id of one of our media URLs, or null for anything else (another host, a data: URL, a path trick). */
export function mediaIdOf(src: string | undefined | null): string | null {
  const m = MEDIA_SRC.exec(src ?? '');
  return m?.[1] ?? null;
}
