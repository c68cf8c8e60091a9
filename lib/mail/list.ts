// Mail the platform sent, newest first, for the staff page /admin/mail (permission admin:mail); reading it is audited.
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { db, type MailStatus } from '@/lib/db';

export const MAIL_PAGE_SIZE = 50;

export async function listMail(user: CurrentUser, opts: { status?: MailStatus; page: number }, ip: string | null) {
  const where = opts.status ? { status: opts.status } : {};
  const [total, rows] = await Promise.all([
    db.mailMessage.count({ where }),
    db.mailMessage.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (opts.page - 1) * MAIL_PAGE_SIZE,
      take: MAIL_PAGE_SIZE,
    }),
  ]);
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'mail',
    action: 'QUERY',
    detail: { page: opts.page, status: opts.status ?? null },
  });
  return { total, page: opts.page, pages: Math.max(1, Math.ceil(total / MAIL_PAGE_SIZE)), rows };
}
