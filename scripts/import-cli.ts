// `npm run import -- --catalog <code> --dept <code> [--user <username>] [--json] [--no-wait] <file>`
// Imports one file through the same workflow as an upload (R-1.3, for operators and benchmarks): the batch
// is created by the `system` account acting for the department (or by --user, who must hold data:import in
// that department), the import runs on the worker, and the command prints the batch, its progress and at
// the end the counts and the suspect rows with their reasons. --json prints one JSON document instead.
// Exit status: 0 imported (suspect rows included), 1 the batch failed or was refused, 2 wrong arguments or no
// configuration (neither the worker's nor a running `npm start`).
import './dev/use-local-platform'; // first: with nothing configured, the running `npm start`
import { createReadStream, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeAudit } from '../lib/audit';
import { loadUser, type CurrentUser } from '../lib/auth/load-user';
import { createBatchFromUpload } from '../lib/batches/create-batch';
import { db } from '../lib/db';
import { env } from '../lib/env';
import { AppError, ForbiddenError, NotFoundError } from '../lib/errors';
import { systemActorFor } from '../lib/exchange/system-actor';
import { saveStream } from '../lib/files/store';
import { batchReport, formatProgress, waitForImport, type BatchReport } from './import-cli-report';

const NO_PLATFORM =
  '未找到平台配置：请在本目录先运行 npm start，或设置与 worker 相同的 DATABASE_URL、PII_ENC_KEY 等配置。';
const USAGE =
  'usage: npm run import -- --catalog <code> --dept <code> [--user <name>] [--json] [--no-wait] [--timeout <seconds>] <file>';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        catalog: { type: 'string' },
        dept: { type: 'string' },
        user: { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-wait': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '3600' },
      },
    });
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  const file = positionals[0];
  const timeoutSeconds = Number(values.timeout);
  if (!values.catalog || !values.dept || !file || positionals.length > 1 || !(timeoutSeconds > 0)) {
    console.error(USAGE);
    return 2;
  }
  const json = values.json;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  try {
    env();
  } catch (err) {
    // Neither the worker's configuration nor an `npm start` running in this folder: say what to do.
    console.error(`${err instanceof Error ? err.message : String(err)}\n${NO_PLATFORM}`);
    return 2;
  }

  try {
    const path = resolve(file);
    statSync(path);
    const actor = await actorFor(values.dept, values.user);
    const upload = await saveStream(createReadStream(path));
    const batch = await createBatchFromUpload({
      user: actor,
      catalogCode: values.catalog,
      originalName: basename(path),
      upload,
      ip: null,
      source: 'CLI',
    });
    await writeAudit(db, {
      userId: actor.id,
      username: actor.username,
      deptId: actor.departmentId,
      module: 'data',
      action: 'CLI_IMPORT',
      objectType: 'ImportBatch',
      objectId: batch.id,
      detail: { osUser: osUser(), host: hostname(), file: path, catalog: values.catalog, dept: values.dept },
    });
    say(`批次 ${batch.number}（${batch.id}）已创建，导入由工作流执行`);
    if (batch.notice) say(batch.notice);
    if (values['no-wait']) {
      if (json) console.log(JSON.stringify({ batchId: batch.id, number: batch.number, status: 'RECEIVED' }));
      return 0;
    }
    await waitForImport(batch.id, timeoutSeconds * 1000, (p) => say(formatProgress(p)));
    const report = await batchReport(batch.id);
    if (json) console.log(JSON.stringify(report));
    else printReport(report);
    return report.status === 'FAILED' ? 1 : 0;
  } catch (err) {
    const message = err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err);
    if (json)
      console.log(JSON.stringify({ error: message, ...(err instanceof AppError ? { details: err.details } : {}) }));
    else console.error(`导入失败：${message}`);
    return 1;
  }
}

async function actorFor(deptCode: string, username: string | undefined): Promise<CurrentUser> {
  if (!username) return systemActorFor(db, deptCode, 'CLI');
  const user = await loadUser({ username });
  const dept = await db.department.findUnique({ where: { code: deptCode }, select: { id: true } });
  if (!user) throw new NotFoundError(`用户“${username}”不存在或已停用`);
  if (!user.permissions.has('data:import')) throw new ForbiddenError(`用户“${username}”没有上传归集数据的权限`);
  if (user.departmentId !== dept?.id) throw new ForbiddenError(`用户“${username}”不属于部门“${deptCode}”`);
  return user;
}

function printReport(r: BatchReport): void {
  console.log(`批次 ${r.number}：${r.statusLabel}`);
  console.log(
    `读取 ${r.counts.read} 行：入库 ${r.counts.stored}，更新 ${r.counts.updated}，重复 ${r.counts.duplicate}，置疑 ${r.counts.suspect}`,
  );
  if (r.error) console.log(`失败原因：${r.error}`);
  for (const s of r.suspects) console.log(`  第 ${s.row} 行：${s.problems.map((p) => p.message).join('；')}`);
  if (r.suspectsOmitted) console.log(`  ……另有 ${r.suspectsOmitted} 行置疑数据未列出`);
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  // Exit explicitly: the Temporal client that started the workflow keeps a connection open.
  .finally(async () => {
    await db.$disconnect();
    process.exit(process.exitCode ?? 0);
  });
