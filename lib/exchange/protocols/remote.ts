// What the file-pulling protocols (SFTP, FTP/FTPS) share: the options common to both, the listing entry, fetching
// into a local temporary file with the SHA-256 computed while the bytes stream in and a size limit, the check that a
// file did not change while it was read, and Chinese messages for the ways a connection fails.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

/** Options every pulled source has, besides how to reach and log in to its server. */
export const pullOptionsSchema = z.object({
  /** Remote folder to read. */
  path: z.string().min(1).default('/'),
  /** File name patterns (* and ?), case-insensitive; a file matching none is left alone. */
  patterns: z.array(z.string().min(1).max(100)).min(1).default(['*.xlsx', '*.csv', '*.txt', '*.xml']),
  /** After a file was received: MOVE it into `doneDir` (default), or DELETE it. */
  acknowledge: z.enum(['MOVE', 'DELETE']).default('MOVE'),
  /** Folder (absolute, or relative to `path`) a received file is moved into. */
  doneDir: z.string().min(1).default('done'),
  /** A file modified less than this many seconds ago may still be being written: it is left for the next run. */
  settleSeconds: z.number().int().min(0).max(86_400).default(60),
  maxBytes: z
    .number()
    .int()
    .min(1)
    .default(200 * 1024 * 1024),
  timeoutMs: z.number().int().min(500).max(300_000).default(15_000),
});

export interface RemoteFile {
  /** The remote path: the file's id at its source. */
  id: string;
  name: string;
  size: number;
  /** Last modification, ms since the epoch (the server's clock; seconds resolution on most servers). */
  mtimeMs: number;
}

export type FetchResult =
  | { ok: true; file: RemoteFile; localPath: string; sha256: string; size: number }
  | { ok: false; file: RemoteFile; reason: string; retryLater: boolean };

export interface ConnectionTest {
  ok: boolean;
  message: string;
}

/** A file the remote server reported different after reading it than when it was listed: not finished. */
export function changedWhileRead(listed: RemoteFile, after: { size: number; mtimeMs: number }, read: number) {
  if (read === listed.size && after.size === listed.size && after.mtimeMs === listed.mtimeMs) return null;
  return (
    `文件“${listed.name}”在读取期间仍在变化（列表时 ${listed.size} 字节，读到 ${read} 字节，读后 ${after.size} 字节），` +
    '可能尚未写完，本次不导入，稍后重试'
  );
}

/**
 * Streams `input` into a new temporary file, hashing as it goes; refuses more than `maxBytes`. The file is removed
 * when anything fails, so no half-written copy remains.
 */
export async function streamToTemp(
  input: Readable,
  maxBytes: number,
): Promise<{ localPath: string; sha256: string; size: number }> {
  const dir = join(tmpdir(), 'xinyong-exchange');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const localPath = join(dir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(new TooLargeError(maxBytes));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(input, meter, createWriteStream(localPath, { mode: 0o600 }));
  } catch (err) {
    await rm(localPath, { force: true });
    throw err;
  }
  return { localPath, sha256: hash.digest('hex'), size };
}

export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`文件超过大小上限（${Math.round(maxBytes / 1024 / 1024)} MB），未读取`);
  }
}

export function matches(name: string, patterns: string[]): boolean {
  return patterns.some((p) => {
    const re = p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    return new RegExp(`^${re}$`, 'i').test(name);
  });
}

/** Whether a name is safe to use as one path segment locally and remotely. */
export function plainName(name: string): boolean {
  return name !== '.' && name !== '..' && !/[/\\\0]/.test(name) && name.length <= 255;
}

export function joinRemote(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Chinese for the ways reaching a server fails; `where` is host:port. */
export function describeFailure(err: unknown, where: string): string {
  const e = err as { code?: string | number; message?: string; level?: string } | null;
  const code = String(e?.code ?? '');
  const text = String(e?.message ?? err);
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text))
    return `无法连接到 ${where}：连接被拒绝（服务未启动或端口错误）`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(text))
    return `无法连接到 ${where}：主机名无法解析`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `无法连接到 ${where}：网络不可达`;
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(text)) return `连接 ${where} 超时`;
  if (e?.level === 'client-authentication' || code === '530' || /authentication|auth|login|530/i.test(text))
    return `登录 ${where} 失败：用户名、密码或密钥不正确`;
  if (/certificate|self[- ]signed|TLS|SSL/i.test(text)) return `与 ${where} 建立加密连接失败：证书不受信任或协议不匹配`;
  if (code === '550' || /No such file|not found|ENOENT/i.test(text)) return `${where} 上的文件或目录不存在`;
  return `与 ${where} 通信失败：${text.slice(0, 200)}`;
}
