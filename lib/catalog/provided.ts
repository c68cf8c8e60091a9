// The catalogs a department is a registered provider of: the only ones it may upload (checked again when a
// batch is created, lib/batches/create-batch.ts).
import { db } from '@/lib/db';

export function catalogsProvidedBy(departmentId: string): Promise<{ code: string; name: string }[]> {
  return db.catalog.findMany({
    where: { providers: { some: { departmentId } } },
    select: { code: true, name: true },
    orderBy: { name: 'asc' },
  });
}
