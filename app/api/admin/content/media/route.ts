import { readImageBody, storeImage } from '@/lib/cms/media';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/content/media – an image as the raw body; its type is decided by the content, and it is
// stored only as WebP variants (content:manage). The file name (X-File-Name, URI-encoded) is only audited.
export const POST = withRoute({ permission: 'content:manage' }, async ({ req, user, ip }) => {
  const name = req.headers.get('x-file-name');
  let fileName: string | undefined;
  try {
    fileName = name ? decodeURIComponent(name).slice(0, 200) : undefined;
  } catch {
    fileName = undefined;
  }
  const image = await storeImage(await readImageBody(req), { user, ip, fileName });
  return Response.json(image, { status: 201 });
});
