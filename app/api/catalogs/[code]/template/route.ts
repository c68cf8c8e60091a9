import { z } from 'zod';
import { actorOf, writeAudit } from '@/lib/audit';
import { loadCatalogDef } from '@/lib/catalog/load';
import { TEMPLATE_FORMATS, templateFile, templateVersionId } from '@/lib/catalog/template-files';
import { db } from '@/lib/db';
import { withRoute } from '@/lib/http/route';

const querySchema = z.object({
  format: z.enum(TEMPLATE_FORMATS).default('xlsx'),
  version: z.coerce.number().int().positive().optional(),
});

// GET /api/catalogs/[code]/template?format=xlsx|csv|txt|xml|xsd&version=N – the template of a catalog version
// (default: the published one new batches use) in an upload format, or its XML schema (catalog:view)
export const GET = withRoute(
  { permission: 'catalog:view', params: z.object({ code: z.string().regex(/^[A-Z_]{2,40}$/) }), query: querySchema },
  async ({ user, params, query, ip }) => {
    const def = await loadCatalogDef(db, await templateVersionId(db, params.code, query.version));
    const file = await templateFile(def, query.format);
    await writeAudit(db, {
      ...actorOf(user, ip),
      module: 'catalog',
      action: 'EXPORT',
      objectType: 'CatalogTemplate',
      objectId: def.versionId,
      detail: { format: query.format },
    });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'Cache-Control': 'no-store',
      },
    });
  },
);
