import { randomUUID } from 'node:crypto';
import { readVariant } from '@/lib/cms/media';
import { problemResponse } from '@/lib/http/problem';
import { publicDb } from '@/lib/public/read-db';

// GET /api/public/media/<id>/<variant> – one WebP variant of an uploaded image. Ids are never reused and a
// variant never changes, so it may be cached for a year without revalidation.
export async function GET(_req: Request, ctx: { params: Promise<{ id: string; variant: string }> }): Promise<Response> {
  try {
    const { id, variant } = await ctx.params;
    const { data } = await readVariant(publicDb, id, variant);
    return new Response(new Uint8Array(data), {
      headers: {
        'Content-Type': 'image/webp',
        'Content-Length': String(data.length),
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    return problemResponse(err, randomUUID());
  }
}
