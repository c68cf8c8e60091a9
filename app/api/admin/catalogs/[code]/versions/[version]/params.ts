import { z } from 'zod';
import { catalogCodeSchema } from '@/lib/catalog/admin/schemas';

/** /api/admin/catalogs/[code]/versions/[version] */
export const versionParams = z.object({ code: catalogCodeSchema, version: z.coerce.number().int().min(1) });
