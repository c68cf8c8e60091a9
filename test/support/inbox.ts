// Finds a task in a user's inbox view, paging through it as a user would.
import type { CurrentUser } from '../../lib/auth/load-user';
import { listInbox, type InboxRow, type InboxView } from '../../lib/tasks/inbox';

export async function findInInbox(user: CurrentUser, view: InboxView, taskId: string): Promise<InboxRow | undefined> {
  for (let page = 1; ; page++) {
    const result = await listInbox(user, view, page);
    const hit = result.rows.find((r) => r.id === taskId);
    if (hit || page >= result.pages) return hit;
  }
}
