// FTP and FTPS pull (R-4.3 "FTP transport"): the same contract as ./sftp.ts — list, fetch into a hashed local
// temporary file, refuse a file that changed while read, acknowledge by moving or deleting — over basic-ftp.
// FTPS is explicit (AUTH TLS on the control port) or implicit; the server certificate is checked against the
// configured CA (a department's self-signed certificate is trusted by giving it as the CA), never skipped silently.
import { rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { Client } from 'basic-ftp';
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

export const ftpConfigSchema = pullOptionsSchema.extend({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(21),
  username: z.string().min(1).max(100),
  password: z.string().max(1000),
  /** NONE: plain FTP; EXPLICIT: AUTH TLS on the control port (FTPES); IMPLICIT: TLS from the first byte (990). */
  tls: z.enum(['NONE', 'EXPLICIT', 'IMPLICIT']).default('NONE'),
  /** PEM of the CA (or the self-signed certificate) the server's certificate must chain to. */
  tlsCa: z.string().max(20_000).optional(),
  /** The name the certificate must carry, when it differs from `host` (e.g. connecting by IP). */
  tlsServerName: z.string().max(255).optional(),
});
export type FtpConfig = z.input<typeof ftpConfigSchema>;
type Config = z.output<typeof ftpConfigSchema>;

const where = (c: Config) => `${c.host}:${c.port}`;

async function withClient<T>(c: Config, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(c.timeoutMs);
  try {
    await client.access({
      host: c.host,
      port: c.port,
      user: c.username,
      password: c.password,
      secure: c.tls === 'NONE' ? false : c.tls === 'IMPLICIT' ? 'implicit' : true,
      secureOptions:
        c.tls === 'NONE'
          ? undefined
          : { ca: c.tlsCa, servername: c.tlsServerName, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    });
    return await run(client);
  } finally {
    client.close();
  }
}

export async function testConnection(raw: FtpConfig): Promise<ConnectionTest> {
  const c = ftpConfigSchema.parse(raw);
  try {
    const count = await withClient(c, async (client) => (await client.list(c.path)).length);
    const secure = c.tls === 'NONE' ? '' : '（TLS 加密）';
    return { ok: true, message: `已连接 ${where(c)}${secure}，目录“${c.path}”中有 ${count} 项` };
  } catch (err) {
    return { ok: false, message: describeFailure(err, where(c)) };
  }
}

async function statRemote(client: Client, path: string): Promise<{ size: number; mtimeMs: number }> {
  // SIZE and MDTM: exact bytes and seconds, where LIST's dates are minutes at best.
  const size = await client.size(path);
  const mtime = await client.lastMod(path).catch(() => null);
  return { size, mtimeMs: mtime?.getTime() ?? 0 };
}

export async function listRemoteFiles(raw: FtpConfig, now = Date.now()): Promise<RemoteFile[]> {
  const c = ftpConfigSchema.parse(raw);
  return withClient(c, async (client) => {
    const found: RemoteFile[] = [];
    for (const e of await client.list(c.path)) {
      if (!e.isFile || !plainName(e.name) || !matches(e.name, c.patterns)) continue;
      const id = joinRemote(c.path, e.name);
      const s = await statRemote(client, id);
      if (now - s.mtimeMs < c.settleSeconds * 1000) continue;
      found.push({ id, name: e.name, size: s.size, mtimeMs: s.mtimeMs });
    }
    return found.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
  });
}

export async function fetchFile(raw: FtpConfig, file: RemoteFile): Promise<FetchResult> {
  const c = ftpConfigSchema.parse(raw);
  return withClient(c, async (client) => {
    let got: { localPath: string; sha256: string; size: number };
    try {
      const through = new PassThrough();
      const saved = streamToTemp(through, c.maxBytes);
      try {
        await client.downloadTo(through, file.id);
        through.end();
      } catch (err) {
        through.destroy(err as Error);
        // A size-limit refusal stops the stream, which fails the download: report the refusal, not the symptom.
        const local = await saved.catch((e: unknown) => e);
        throw local instanceof TooLargeError ? local : err;
      }
      got = await saved;
    } catch (err) {
      if (err instanceof TooLargeError) return { ok: false, file, reason: err.message, retryLater: false };
      return { ok: false, file, reason: describeFailure(err, where(c)), retryLater: true };
    }
    const after = await statRemote(client, file.id).catch(() => ({ size: -1, mtimeMs: -1 }));
    const changed = changedWhileRead(file, after, got.size);
    if (changed) {
      await rm(got.localPath, { force: true });
      return { ok: false, file, reason: changed, retryLater: true };
    }
    return { ok: true, file, ...got };
  });
}

export async function acknowledge(raw: FtpConfig, file: RemoteFile): Promise<void> {
  const c = ftpConfigSchema.parse(raw);
  await withClient(c, async (client) => {
    if (c.acknowledge === 'DELETE') {
      await client.remove(file.id);
      return;
    }
    const done = c.doneDir.startsWith('/') ? c.doneDir : joinRemote(c.path, c.doneDir);
    await client.ensureDir(done);
    await client.cd('/');
    const names = new Set((await client.list(done)).map((e) => e.name));
    const target = joinRemote(done, names.has(file.name) ? `${Date.now()}-${file.name}` : file.name);
    await client.rename(file.id, target);
  });
}
