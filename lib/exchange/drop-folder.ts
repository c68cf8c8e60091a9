// Exchange drop folders: each department drops files into
//   <FILE_STORE_DIR>/exchange/<deptCode>/inbox/<catalogCode>/*.xlsx|csv|txt|xml
// and the platform reads them on a schedule or when an administrator asks. A file becomes a batch of the
// ordinary import and moves to …/<deptCode>/archive/<yyyymmdd>/; a file whose content (SHA-256) was read
// before, under any name, is archived without a second batch; a file that cannot be read moves to
// …/<deptCode>/rejected/ with a <name>.reason.txt saying why. Nothing is read twice.
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createBatchFromUpload } from '@/lib/batches/create-batch';
import { dayKeyOf } from '@/lib/calendar/workdays';
import { db } from '@/lib/db';
import { AppError, ConflictError } from '@/lib/errors';
import { resolveStoredPath, saveStream, storeRoot, type StoredUpload } from '@/lib/files/store';
import { systemActorFor } from './system-actor';

export interface DropFile {
  /** Relative to the file store root. */
  path: string;
  deptCode: string;
  /** '' when the file lies directly in the inbox, outside a catalog folder. */
  catalogCode: string;
  name: string;
}

export type DropOutcome =
  | { outcome: 'BATCH'; batchId: string; batchNumber: string }
  | { outcome: 'DUPLICATE'; batchNumber: string }
  | { outcome: 'REJECTED'; reason: string }
  | { outcome: 'GONE' };

const CODE = /^[A-Za-z0-9_-]{1,40}$/;
// Partial copies and editor lock files: never a department's finished file.
const IGNORED = /^(\.|~\$)|\.(tmp|part|partial|crdownload|filepart|reason\.txt)$/i;

export const exchangeRoot = () => join(storeRoot(), 'exchange');

/** Files waiting in the inboxes, oldest first, each unchanged for at least `settleSeconds`. */
export async function listDropFiles(settleSeconds: number, limit = 200, now = Date.now()): Promise<DropFile[]> {
  const found: (DropFile & { mtime: number })[] = [];
  for (const dept of await dirs(exchangeRoot())) {
    if (!CODE.test(dept)) continue;
    const inbox = join(exchangeRoot(), dept, 'inbox');
    for (const entry of await entries(inbox)) {
      const full = join(inbox, entry.name);
      const files = entry.isDirectory()
        ? (await entries(full)).filter((e) => e.isFile()).map((e) => ({ catalog: entry.name, dir: full, name: e.name }))
        : entry.isFile()
          ? [{ catalog: '', dir: inbox, name: entry.name }]
          : [];
      for (const f of files) {
        if (IGNORED.test(f.name)) continue;
        const info = await stat(join(f.dir, f.name)).catch(() => null);
        if (!info || now - info.mtimeMs < settleSeconds * 1000) continue;
        const path = relative(storeRoot(), join(f.dir, f.name));
        found.push({ path, deptCode: dept, catalogCode: f.catalog, name: f.name, mtime: info.mtimeMs });
      }
    }
  }
  return found
    .sort((a, b) => a.mtime - b.mtime || a.path.localeCompare(b.path))
    .slice(0, limit)
    .map(({ mtime: _mtime, ...f }) => f);
}

/** Reads one dropped file into a batch (or recognises or rejects it) and moves it out of the inbox. */
export async function ingestDropFile(file: DropFile, taskQueue?: string): Promise<DropOutcome> {
  // Only a regular file inside an inbox is read: never a path elsewhere in the store, never a symbolic link
  // a department placed to make the platform read a file of the server.
  const inbox = join(exchangeRoot(), file.deptCode, 'inbox', file.catalogCode);
  const source = resolveStoredPath(file.path);
  if (!CODE.test(file.deptCode) || join(inbox, file.name) !== source)
    throw new Error(`not an inbox file: ${file.path}`);
  const info = await lstat(source).catch(() => null);
  // Gone: moved by an earlier attempt. Not a regular file: replaced since it was listed; the listing skips it.
  if (!info?.isFile()) return { outcome: 'GONE' };
  const dept = await db.department.findUnique({ where: { code: file.deptCode } });
  const catalog = file.catalogCode ? await db.catalog.findUnique({ where: { code: file.catalogCode } }) : null;
  const refuse = (reason: string, upload?: StoredUpload) => reject(file, source, reason, upload);
  if (!dept) return refuse(`部门编码“${file.deptCode}”不存在`);
  if (!file.catalogCode) return refuse('文件应放在以目录编码命名的子文件夹中，例如 inbox/ADMIN_PENALTY/');
  if (!catalog) return refuse(`目录编码“${file.catalogCode}”不存在`);

  let upload: StoredUpload;
  try {
    upload = await saveStream(createReadStream(source));
  } catch (err) {
    if (err instanceof AppError) return refuse(err.message);
    throw err;
  }
  try {
    const actor = await systemActorFor(db, file.deptCode, 'DROP_FOLDER');
    const batch = await createBatchFromUpload({
      user: actor,
      catalogCode: file.catalogCode,
      originalName: file.name,
      upload,
      ip: null,
      source: 'DROP_FOLDER',
      taskQueue,
    });
    await archive(file, source, upload, { outcome: 'BATCH', batchId: batch.id });
    return { outcome: 'BATCH', batchId: batch.id, batchNumber: batch.number };
  } catch (err) {
    if (err instanceof ConflictError) return duplicate(file, source, upload);
    if (err instanceof AppError && err.status < 500) return refuse(err.message, upload);
    throw err;
  }
}

/**
 * The same content was read before. If that batch came from this very file (an attempt that crashed after
 * creating it, before moving the file), the file is archived as that batch's; otherwise as a duplicate.
 */
async function duplicate(file: DropFile, source: string, upload: StoredUpload): Promise<DropOutcome> {
  const batch = await db.importBatch.findFirst({
    where: {
      file: { sha256: upload.sha256 },
      catalogVersion: { catalog: { code: file.catalogCode } },
      status: { not: 'FAILED' },
    },
    select: { id: true, number: true, source: true },
  });
  if (!batch) throw new Error(`duplicate of an unknown batch: ${upload.sha256}`);
  const logged = await db.exchangeFile.findFirst({ where: { batchId: batch.id } });
  if (batch.source === 'DROP_FOLDER' && !logged) {
    await archive(file, source, upload, { outcome: 'BATCH', batchId: batch.id });
    return { outcome: 'BATCH', batchId: batch.id, batchNumber: batch.number };
  }
  await archive(file, source, upload, {
    outcome: 'DUPLICATE',
    batchId: batch.id,
    reason: `与批次 ${batch.number} 的文件内容相同，未重复读取`,
  });
  return { outcome: 'DUPLICATE', batchNumber: batch.number };
}

async function archive(
  file: DropFile,
  source: string,
  upload: StoredUpload,
  log: { outcome: 'BATCH' | 'DUPLICATE'; batchId: string; reason?: string },
): Promise<void> {
  const day = dayKeyOf(Date.now()).replace(/-/g, '');
  const target = await moveInto(join(exchangeRoot(), file.deptCode, 'archive', day), source, file.name, upload.sha256);
  await record(file, upload, { ...log, movedTo: relative(storeRoot(), target) });
}

async function reject(file: DropFile, source: string, reason: string, upload?: StoredUpload): Promise<DropOutcome> {
  const dir = join(exchangeRoot(), file.deptCode, 'rejected');
  const target = await moveInto(dir, source, file.name, upload?.sha256 ?? String(Date.now()));
  await writeFile(`${target}.reason.txt`, `${file.name}\n${reason}\n`, 'utf8');
  await record(file, upload, { outcome: 'REJECTED', reason, movedTo: relative(storeRoot(), target) });
  return { outcome: 'REJECTED', reason };
}

async function record(
  file: DropFile,
  upload: StoredUpload | undefined,
  log: { outcome: string; batchId?: string; reason?: string; movedTo: string },
): Promise<void> {
  await db.exchangeFile.create({
    data: {
      deptCode: file.deptCode,
      catalogCode: file.catalogCode,
      name: file.name,
      sha256: upload?.sha256 ?? '',
      size: upload?.size ?? 0,
      ...log,
    },
  });
}

/** Moves without overwriting: a name taken by an earlier file gets the content hash appended. */
async function moveInto(dir: string, source: string, name: string, tag: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  let target = join(dir, name);
  if (await stat(target).catch(() => null)) {
    const dot = name.lastIndexOf('.');
    const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    target = join(dir, `${base}-${tag.slice(0, 12)}${ext}`);
  }
  await rename(source, target);
  return target;
}

async function dirs(path: string): Promise<string[]> {
  return (await entries(path)).filter((e) => e.isDirectory()).map((e) => e.name);
}

async function entries(path: string) {
  return readdir(path, { withFileTypes: true }).catch(() => []);
}
