// SFTP and FTP/FTPS pulls against real servers on loopback (R-4.2, R-4.3): ssh2's SFTP server with password and
// key login, ftp-srv plain and with explicit TLS (a self-signed certificate trusted as the CA). A pulled file
// becomes one batch of the ordinary import and is moved to the done folder; pulled again it imports nothing;
// unreachable hosts, wrong credentials, an untrusted certificate and a file that grows while read are refused
// with a clear reason and recorded.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import * as ftp from '../../lib/exchange/protocols/ftp';
import { pullOnce } from '../../lib/exchange/protocols/pull';
import * as sftp from '../../lib/exchange/protocols/sftp';
import {
  freePort,
  selfSignedCert,
  startFtpServer,
  startSftpServer,
  type FtpServer,
  type SftpServer,
} from '../support/exchange-servers';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

const tag = Date.now().toString(36);
const user = 'dept';
const password = 'S3cret-pass';
let sftpServer: SftpServer;
let ftpServer: FtpServer;
let ftpsServer: FtpServer;
let cert: { key: string; cert: string };

const target = (channel: 'SFTP' | 'FTP', node: string) => ({
  nodeId: `${node}-${tag}`,
  deptCode: 'SCJGJ',
  catalogCode: 'ADMIN_PENALTY',
  channel,
});

async function place(root: string, name: string, rows: number, prefix: string) {
  mkdirSync(join(root, 'out'), { recursive: true });
  await writePenaltyXlsx(join(root, 'out', name), penaltyRows(rows, { prefix }));
}

function tempLeft(): number {
  const dir = join(tmpdir(), 'xinyong-exchange');
  return existsSync(dir) ? readdirSync(dir).length : 0;
}

beforeAll(async () => {
  cert = selfSignedCert();
  sftpServer = await startSftpServer({ username: user, password });
  ftpServer = await startFtpServer({ username: user, password });
  ftpsServer = await startFtpServer({ username: user, password, tls: cert });
});
afterAll(async () => {
  await Promise.all([sftpServer?.close(), ftpServer?.close(), ftpsServer?.close()]);
  await db.$disconnect();
});

describe('SFTP', () => {
  const base = () => ({ host: '127.0.0.1', port: sftpServer.port, username: user, path: '/out', settleSeconds: 0 });

  it('R-4.2 R-4.3 pulls a file over SFTP (password) into one batch, moves it to done, imports nothing twice', async () => {
    const config = { ...base(), password };
    await place(sftpServer.root, `处罚_${tag}.xlsx`, 3, `SF${tag}-`);
    expect(await sftp.testConnection(config)).toMatchObject({ ok: true });

    const run = await pullOnce(sftp, config, target('SFTP', 'sftp-node'));
    expect(run.ok).toBe(true);
    expect(run.items).toHaveLength(1);
    const first = run.items[0]!.result;
    expect(first.outcome).toBe('BATCH');
    if (first.outcome !== 'BATCH') return;
    const batch = await waitForBatchStatus(first.batchId, ['COMPLETED', 'RETURNED']);
    expect(batch.rowsStored).toBe(3);
    expect(batch.source).toBe('EXCHANGE');
    expect(readdirSync(join(sftpServer.root, 'out', 'done'))).toEqual([`处罚_${tag}.xlsx`]);

    // The department puts the same file back under another name: received before, not imported again.
    copyFileSync(
      join(sftpServer.root, 'out', 'done', `处罚_${tag}.xlsx`),
      join(sftpServer.root, 'out', `再次_${tag}.xlsx`),
    );
    const again = await pullOnce(sftp, config, target('SFTP', 'sftp-node'));
    expect(again.items.map((i) => i.result.outcome)).toEqual(['DUPLICATE']);
    const receipt = await db.exchangeReceipt.findFirstOrThrow({ where: { batchId: first.batchId } });
    expect(await db.importBatch.count({ where: { file: { sha256: receipt.sha256 } } })).toBe(1);
  });

  it('R-4.3 R-8.2 logs in with a key; refuses a wrong password and an unreachable host with a clear reason', async () => {
    expect(await sftp.testConnection({ ...base(), privateKey: sftpServer.clientKey })).toMatchObject({ ok: true });
    const wrong = await sftp.testConnection({ ...base(), password: 'wrong' });
    expect(wrong).toEqual({ ok: false, message: expect.stringContaining('用户名、密码或密钥不正确') });
    const closed = await freePort();
    const down = await pullOnce(sftp, { ...base(), port: closed, password }, target('SFTP', 'sftp-down'));
    expect(down).toMatchObject({ ok: false, error: expect.stringContaining('连接被拒绝') });
    const logged = await db.exchangeRefusal.findFirst({ where: { nodeRef: `sftp-down-${tag}` } });
    expect(logged?.reason).toContain('连接被拒绝');
  });

  it('R-4.3 refuses a file that grows while it is read, leaves it for the next run, imports it once finished', async () => {
    const config = { ...base(), password };
    const name = `增长_${tag}.csv`;
    mkdirSync(join(sftpServer.root, 'out'), { recursive: true });
    appendFileSync(join(sftpServer.root, 'out', name), '行政相对人名称,统一社会信用代码\n');
    const [listed] = (await sftp.listRemoteFiles(config)).filter((f) => f.name === name);
    appendFileSync(join(sftpServer.root, 'out', name), '某公司,91410823MA00000000\n');
    const before = tempLeft();
    const got = await sftp.fetchFile(config, listed!);
    expect(got).toMatchObject({ ok: false, retryLater: true, reason: expect.stringContaining('仍在变化') });
    expect(tempLeft()).toBe(before);
    expect(existsSync(join(sftpServer.root, 'out', name))).toBe(true);
  });
});

describe('FTP and FTPS', () => {
  const base = (port: number) => ({
    host: '127.0.0.1',
    port,
    username: user,
    password,
    path: '/out',
    settleSeconds: 0,
  });

  it('R-4.3 pulls a file over plain FTP into one batch and moves it to done', async () => {
    await place(ftpServer.root, `处罚_ftp_${tag}.xlsx`, 2, `FT${tag}-`);
    const run = await pullOnce(ftp, base(ftpServer.port), target('FTP', 'ftp-node'));
    expect(run.items.map((i) => i.result.outcome)).toEqual(['BATCH']);
    const r = run.items[0]!.result;
    if (r.outcome === 'BATCH')
      expect((await waitForBatchStatus(r.batchId, ['COMPLETED', 'RETURNED'])).rowsStored).toBe(2);
    expect(readdirSync(join(ftpServer.root, 'out', 'done'))).toEqual([`处罚_ftp_${tag}.xlsx`]);
  });

  it('R-4.3 R-8.1 pulls over explicit FTPS with the self-signed certificate trusted; refuses it when untrusted', async () => {
    const config = { ...base(ftpsServer.port), tls: 'EXPLICIT' as const, tlsCa: cert.cert };
    await place(ftpsServer.root, `处罚_ftps_${tag}.xlsx`, 2, `FS${tag}-`);
    expect(await ftp.testConnection(config)).toMatchObject({ ok: true, message: expect.stringContaining('TLS') });
    const run = await pullOnce(ftp, config, target('FTP', 'ftps-node'));
    expect(run.items.map((i) => i.result.outcome)).toEqual(['BATCH']);

    const untrusted = await ftp.testConnection({ ...config, tlsCa: undefined });
    expect(untrusted).toEqual({ ok: false, message: expect.stringContaining('证书不受信任') });
  });

  it('R-4.3 refuses a wrong FTP password and a file that grew since it was listed', async () => {
    const wrong = await ftp.testConnection({ ...base(ftpServer.port), password: 'nope' });
    expect(wrong).toEqual({ ok: false, message: expect.stringContaining('用户名、密码或密钥不正确') });
    const name = `增长_${tag}.csv`;
    mkdirSync(join(ftpServer.root, 'out'), { recursive: true });
    appendFileSync(join(ftpServer.root, 'out', name), 'a,b\n');
    const [listed] = (await ftp.listRemoteFiles(base(ftpServer.port))).filter((f) => f.name === name);
    appendFileSync(join(ftpServer.root, 'out', name), 'c,d\n');
    const got = await ftp.fetchFile(base(ftpServer.port), listed!);
    expect(got).toMatchObject({ ok: false, retryLater: true, reason: expect.stringContaining('仍在变化') });
  });
});
