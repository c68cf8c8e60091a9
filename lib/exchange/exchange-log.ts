// What the drop folders received: the latest files read, recognised or rejected, and the files
// still waiting in the inboxes, for the administrator's 数据交换 page.
import { requireAnyPermission, type AdminContext } from '@/lib/admin/guard';
import { db } from '@/lib/db';
import { exchangeRoot, listDropFiles } from './drop-folder';
import { EXCHANGE_SETTINGS, exchangeSetting } from './settings';

export async function exchangeOverview(ctx: AdminContext, take = 50) {
  await requireAnyPermission(ctx, 'admin:settings');
  const [recent, waiting, settings] = await Promise.all([
    db.exchangeFile.findMany({ orderBy: { at: 'desc' }, take }),
    listDropFiles(0, 500),
    Promise.all(EXCHANGE_SETTINGS.map(async (s) => ({ ...s, value: await exchangeSetting(db, s.key) }))),
  ]);
  const batches = await db.importBatch.findMany({
    where: { id: { in: recent.map((r) => r.batchId).filter((id): id is string => !!id) } },
    select: { id: true, number: true },
  });
  const numbers = new Map(batches.map((b) => [b.id, b.number]));
  return {
    root: exchangeRoot(),
    settings,
    waiting,
    recent: recent.map((r) => ({ ...r, size: Number(r.size), batchNumber: r.batchId ? numbers.get(r.batchId) : null })),
  };
}
