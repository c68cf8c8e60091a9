// SFTP pull: a department's front-end exchange server offers files in a folder; the platform lists
// them, fetches each into a local temporary file (SHA-256 computed while streaming, size-limited), refuses one that
// changed while it was read, and acknowledges a received file by moving it into a done folder or deleting it.
// Plain functions over a zod-validated config, for the exchange source adapters to wrap.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import SftpClient from 'ssh2-sftp-client';
import { z } from 'zod';
import {
  changedWhileRead,
  describeFailure,
  joinRemote,
  matches,
  plainName,
  pullOptionsSchema,
  streamToTemp,
  TooLargeError,
  type ConnectionTest,
  type FetchResult,
  type RemoteFile,
} from './remote';

export const sftpConfigSchema = pullOptionsSchema
  .extend({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().min(1).max(100),
    password: z.string().max(1000).optional(),
    /** A private key (OpenSSH or PEM), instead of or besides the password. */
    privateKey: z.string().max(20_000).optional(),
    passphrase: z.string().max(1000).optional(),
    /** Pins the server's host key: base64 SHA-256 of it (as `ssh-keygen -lf` shows, without "SHA256:"). */
    hostKeySha256: z.string().max(100).optional(),
  })
  .refine((c) => c.password || c.privateKey, { message: '需要密码或私钥' });
export type SftpConfig = z.input<typeof sftpConfigSchema>;
type Config = z.output<typeof sftpConfigSchema>;

const where = (c: Config) => `${c.host}:${c.port}`;

async function connect(c: Config): Promise<SftpClient> {
  const client = new SftpClient('xinyong-exchange');
  await client.connect({
    host: c.host,
    port: c.port,
    username: c.username,
    password: c.password,
    privateKey: c.privateKey,
    passphrase: c.passphrase,
    readyTimeout: c.timeoutMs,
    // Without a pin any host key is accepted (first use); with one, a different server is refused before login.
    hostVerifier: c.hostKeySha256
      ? (key: Buffer) => createHash('sha256').update(key).digest('base64').replace(/=+$/, '') === c.hostKeySha256
      : undefined,
  });
  return client;
}

async function withClient<T>(c: Config, run: (client: SftpClient) => Promise<T>): Promise<T> {
  const client = await connect(c);
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function testConnection(raw: SftpConfig): Promise<ConnectionTest> {
  const c = sftpConfigSchema.parse(raw);
  try {
    const count = await withClient(c, async (client) => (await client.list(c.path)).length);
    return { ok: true, message: `已连接 ${where(c)}，目录“${c.path}”中有 ${count} 项` };
  } catch (err) {
    return { ok: false, message: describeFailure(err, where(c)) };
  }
}

/** Files waiting in the folder that match the patterns and have settled, oldest first. */
export async function listRemoteFiles(raw: SftpConfig, now = Date.now()): Promise<RemoteFile[]> {
  const c = sftpConfigSchema.parse(raw);
  const entries = await withClient(c, (client) => client.list(c.path));
  return entries
    .filter((e) => e.type === '-' && plainName(e.name) && matches(e.name, c.patterns))
    .filter((e) => now - e.modifyTime >= c.settleSeconds * 1000)
    .map((e) => ({ id: joinRemote(c.path, e.name), name: e.name, size: e.size, mtimeMs: e.modifyTime }))
    .sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
}

/**
 * Copies one listed file into a local temporary file. Refused (and the copy removed) when it is larger than the
 * limit or it changed between the listing and the end of the read: a file still being written is read next time.
 */
export async function fetchFile(raw: SftpConfig, file: RemoteFile): Promise<FetchResult> {
  const c = sftpConfigSchema.parse(raw);
  return withClient(c, async (client) => {
    let got: { localPath: string; sha256: string; size: number };
    try {
      got = await streamToTemp(client.createReadStream(file.id), c.maxBytes);
    } catch (err) {
      if (err instanceof TooLargeError) return { ok: false, file, reason: err.message, retryLater: false };
      return { ok: false, file, reason: describeFailure(err, where(c)), retryLater: true };
    }
    const after = await client.stat(file.id).catch(() => ({ size: -1, modifyTime: -1 }));
    const changed = changedWhileRead(file, { size: after.size, mtimeMs: after.modifyTime }, got.size);
    if (changed) {
      await rm(got.localPath, { force: true });
      return { ok: false, file, reason: changed, retryLater: true };
    }
    return { ok: true, file, ...got };
  });
}

/** After the platform received a file: moves it into the done folder (name kept, made unique) or deletes it. */
export async function acknowledge(raw: SftpConfig, file: RemoteFile): Promise<void> {
  const c = sftpConfigSchema.parse(raw);
  await withClient(c, async (client) => {
    if (c.acknowledge === 'DELETE') {
      await client.delete(file.id, true);
      return;
    }
    const done = c.doneDir.startsWith('/') ? c.doneDir : joinRemote(c.path, c.doneDir);
    if (!(await client.exists(done))) await client.mkdir(done, true);
    let target = joinRemote(done, file.name);
    if (await client.exists(target)) target = joinRemote(done, `${Date.now()}-${file.name}`);
    await client.rename(file.id, target);
  });
}
