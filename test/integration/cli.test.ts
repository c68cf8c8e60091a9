// The import CLI against the real stack: `npm run import` runs a file through the same
// workflow as an upload and reports the batch, the counts and the suspect rows with their reasons — as
// text for operators, as one JSON document for scripts and benchmarks.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';

const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const stamp = Date.now();

function runImport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'import', '--', ...args], { env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The one JSON document on stdout (npm may print its own lines around it). */
const jsonOf = (stdout: string) =>
  JSON.parse(
    stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .at(-1)!,
  ) as Record<string, unknown>;

beforeAll(async () => {
  // 10 rows: row 6 has a wrong USCC check character, row 11 lacks 违法事实.
  await writePenaltyXlsx(join(dir, 'penalties.xlsx'), penaltyRows(10, { faultEvery: 5, prefix: `C${stamp}-` }));
  await writePenaltyXlsx(join(dir, 'clean.xlsx'), penaltyRows(3, { prefix: `C${stamp}-clean-` }));
});
afterAll(() => db.$disconnect());

describe('npm run import', () => {
  it('R-1.3 R-2.1 imports through the workflow and prints one JSON document with counts and suspect reasons', async () => {
    const file = join(dir, 'penalties.xlsx');
    const { code, stdout, stderr } = await runImport(['--json', '--catalog', 'ADMIN_PENALTY', '--dept', 'SCJGJ', file]);
    expect(code, stderr).toBe(0);
    const report = jsonOf(stdout) as {
      batchId: string;
      number: string;
      status: string;
      counts: Record<string, number>;
      suspects: { row: number; problems: { code: string; message: string }[] }[];
    };
    expect(report.number).toMatch(/^PC\d{8}-\d{6}$/);
    expect(report.status).toBe('RETURNED');
    expect(report.counts).toEqual({ read: 10, stored: 8, updated: 0, duplicate: 0, suspect: 2 });
    expect(report.suspects.map((s) => s.row)).toEqual([6, 11]);
    expect(report.suspects[0]!.problems[0]!.code).toBe('CHECK_CHAR');
    expect(report.suspects[1]!.problems.map((p) => p.message)).toContain('违法事实不能为空');
    expect(stderr).toContain(report.number); // progress went to stderr, not into the JSON

    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: report.batchId } });
    expect(batch.source).toBe('CLI');
    expect(batch.expectedRows).toBe(10); // estimated from the sheet before reading it, for the time left
    const audit = await db.auditLog.findFirstOrThrow({ where: { objectId: report.batchId, action: 'CLI_IMPORT' } });
    expect(audit.username).toBe('system');
    expect((audit.detail as Record<string, string>).dept).toBe('SCJGJ');
  });

  it('R-1.3 prints the batch, the progress and the final counts as text for operators', async () => {
    const file = join(dir, 'clean.xlsx');
    const { code, stdout } = await runImport([
      '--catalog',
      'ADMIN_PENALTY',
      '--dept',
      'SCJGJ',
      '--user',
      'scjgj02',
      file,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/批次 PC\d{8}-\d{6}（[0-9a-f-]{36}）已创建/);
    expect(stdout).toContain('导入完成');
    expect(stdout).toContain('读取 3 行：入库 3，更新 0，重复 0，置疑 0');
    const number = /批次 (PC\d{8}-\d{6})/.exec(stdout)![1]!;
    const batch = await db.importBatch.findUniqueOrThrow({ where: { number }, include: { events: true } });
    expect(batch.events.find((e) => e.kind === 'RECEIVED')?.actorName).toBe('市场监管局报送员二');
  });

  it('R-1.3 R-8.2 refuses a file already imported, a department that does not provide the catalog, and bad arguments', async () => {
    const again = await runImport(['--json', '--catalog', 'ADMIN_PENALTY', '--dept', 'SCJGJ', join(dir, 'clean.xlsx')]);
    expect(again.code).toBe(1);
    expect(String(jsonOf(again.stdout).error)).toContain('该文件已上传过');
    const other = await runImport(['--json', '--catalog', 'PERSON_BASIC', '--dept', 'SCJGJ', join(dir, 'clean.xlsx')]);
    expect(other.code).toBe(1);
    expect(String(jsonOf(other.stdout).error)).toContain('不是目录“自然人基本信息”的数据提供部门');
    const wrongUser = await runImport(['--catalog', 'ADMIN_PENALTY', '--dept', 'SWJ', '--user', 'scjgj01', 'x.xlsx']);
    expect(wrongUser.code).toBe(1);
    const usage = await runImport(['--catalog', 'ADMIN_PENALTY']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run import');
  });
});
