// Drives one upload through the real service layer, as the upload route does (used by tests and the CLI).
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { loadUser } from '../../lib/auth/load-user';
import { createBatchFromUpload } from '../../lib/batches/create-batch';
import { saveStream } from '../../lib/files/store';

export async function uploadAs(username: string, catalogCode: string, path: string, taskQueue?: string) {
  const user = await loadUser({ username });
  if (!user) throw new Error(`no user ${username}`);
  const upload = await saveStream(createReadStream(path));
  return createBatchFromUpload({ user, catalogCode, originalName: basename(path), upload, ip: '127.0.0.1', taskQueue });
}
