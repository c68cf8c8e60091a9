import { z } from 'zod';
import { writeAudit } from '@/lib/audit';
import { loadCatalogDef, currentVersionId } from '@/lib/catalog/load';
import { buildTemplate } from '@/lib/catalog/template';
import { db } from '@/lib/db';
import { withRoute } from '@/lib/http/route';

// GET /api/catalogs/[code]/template – the Excel template of a catalog's published version (catalog:view)
export const GET = withRoute(
  { permission: 'catalog:view', params: z.object({ code: z.string().regex(/^[A-Z_]{2,40}$/) }) },
  async ({ user, params, ip }) => {
    const def = await loadCatalogDef(db, await currentVersionId(db, params.code));
    const body = await buildTemplate(def);
    await writeAudit(db, {
      userId: user.id,
      username: user.username,
      deptId: user.departmentId,
      ip,
      module: 'catalog',
      action: 'EXPORT',
      objectType: 'CatalogTemplate',
      objectId: def.versionId,
    });
    const filename = encodeURIComponent(`${def.name}_模板_v${def.version}.xlsx`);
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename*=UTF-8''${filename}`,
        'Cache-Control': 'no-store',
      },
    });
  },
);
