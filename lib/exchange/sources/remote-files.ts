// The remote FILE sources: SFTP, FTP/FTPS and an IMAP mailbox, as adapters over the protocol functions
// of lib/exchange/protocols/*. A source's config keeps only the reading options (folder, patterns, how a file
// is acknowledged, allowed senders); where the server is comes from the node's endpoint, and who logs in from
// the node's sealed credentials (unsealed by the caller, never stored in the source) — so rotating a password is
// one change on the node for all of its sources.
import { z } from 'zod';
import * as ftp from '../protocols/ftp';
import * as imap from '../protocols/imap';
import { pullOnce, type PullProtocol } from '../protocols/pull';
import { pullOptionsSchema, type RemoteFile } from '../protocols/remote';
import { SourceStop, type FileReceiveRun, type FileSourceAdapter, type SourceContext } from './types';

/** "sftp://host:port", "host:port" or "host": the server's host and port (the protocol's default port). */
export function hostPort(endpoint: string, defaultPort: number): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(endpoint.includes('://') ? endpoint : `x://${endpoint}`);
  } catch {
    throw new SourceStop('BAD_CONFIG', `节点地址“${endpoint}”无效，应为 主机:端口`);
  }
  if (!url.hostname) throw new SourceStop('BAD_CONFIG', `节点地址“${endpoint}”缺少主机名`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : defaultPort };
}

const sftpOptions = pullOptionsSchema.extend({ hostKeySha256: z.string().max(100).optional() });
const ftpOptions = pullOptionsSchema.extend({
  tls: z.enum(['NONE', 'EXPLICIT', 'IMPLICIT']).default('NONE'),
  tlsCa: z.string().max(20_000).optional(),
  tlsServerName: z.string().max(255).optional(),
});

function remoteAdapter<O extends object>(
  options: z.ZodType<O>,
  protocol: PullProtocol<never> & { testConnection(c: never): Promise<{ ok: boolean; message: string }> },
  channel: 'SFTP' | 'FTP',
  defaultPort: number,
): FileSourceAdapter<O> {
  const full = (ctx: SourceContext<O>) =>
    ({ ...ctx.config, ...hostPort(ctx.endpoint, defaultPort), ...ctx.credentials }) as never;
  return {
    shape: 'FILE',
    parseConfig: (raw) => options.parse(raw ?? {}),
    testConnection: (ctx) => protocol.testConnection(full(ctx)),
    async pull(ctx, { limit }) {
      const files = (await protocol.listRemoteFiles(full(ctx))).slice(0, limit);
      const pulled = [];
      for (const file of files) {
        const got = await protocol.fetchFile(full(ctx), file);
        if (got.ok)
          pulled.push({
            remoteId: file.id,
            name: file.name,
            size: got.size,
            sha256: got.sha256,
            localPath: got.localPath,
          });
      }
      return pulled;
    },
    async acknowledge(ctx, file) {
      const remote: RemoteFile = { id: file.remoteId, name: file.name, size: file.size, mtimeMs: 0 };
      await protocol.acknowledge(full(ctx), remote);
    },
    // pull → receiveExchangeFile → acknowledge, with every refusal recorded (lib/exchange/protocols/pull.ts).
    async receiveAll(ctx, target): Promise<FileReceiveRun> {
      const run = await pullOnce(protocol, full(ctx), { ...target, channel });
      return {
        ok: run.ok,
        error: run.error,
        files: run.items.map((i) => ({
          name: i.file.name,
          outcome: i.result.outcome,
          batchId: 'batchId' in i.result ? i.result.batchId : null,
          reason: 'reason' in i.result ? i.result.reason : undefined,
        })),
      };
    },
  };
}

export const sftpSource = remoteAdapter(sftpOptions, sftpModule(), 'SFTP', 22);
export const ftpSource = remoteAdapter(ftpOptions, ftp as never, 'FTP', 21);

// Loaded lazily so that importing the registry (e.g. from a page) does not load ssh2 until an SFTP source runs.
function sftpModule() {
  let mod: typeof import('../protocols/sftp') | null = null;
  const load = async () => (mod ??= await import('../protocols/sftp'));
  return {
    testConnection: async (c: never) => (await load()).testConnection(c),
    listRemoteFiles: async (c: never) => (await load()).listRemoteFiles(c),
    fetchFile: async (c: never, f: RemoteFile) => (await load()).fetchFile(c, f),
    acknowledge: async (c: never, f: RemoteFile) => (await load()).acknowledge(c, f),
  };
}

const imapOptions = z.object({
  secure: z.boolean().default(true),
  tlsCa: z.string().max(20_000).optional(),
  mailbox: z.string().min(1).max(200).default('INBOX'),
  /** The department's addresses a mail is accepted from (the node's department, the flow's catalog). */
  senderAddresses: z.array(z.string().email()).min(1, '请至少填写一个允许的发件地址').max(100),
  limit: z.number().int().min(1).max(1000).default(100),
  timeoutMs: z.number().int().min(500).max(300_000).default(15_000),
});
type ImapOptions = z.output<typeof imapOptions>;

/** A mailbox: each unread mail's attachments are received (a mail is acknowledged by flagging it read). */
export const imapSource: FileSourceAdapter<ImapOptions> = {
  shape: 'FILE',
  parseConfig: (raw) => imapOptions.parse(raw ?? {}),
  testConnection: (ctx) => imap.testConnection(imapConfig(ctx, [])),
  async pull() {
    throw new SourceStop('BAD_CONFIG', '邮箱来源按邮件接收，不单独拉取文件');
  },
  async acknowledge() {},
  async receiveAll(ctx, target) {
    const senders = ctx.config.senderAddresses.map((address) => ({
      address,
      nodeId: target.nodeId,
      deptCode: target.deptCode,
      catalogCode: target.catalogCode,
    }));
    const run = await imap.pullMailbox(imapConfig(ctx, senders), {
      nodeId: target.nodeId,
      taskQueue: target.taskQueue,
    });
    const files = run.messages.flatMap<FileReceiveRun['files'][number]>((m) =>
      m.outcome === 'REFUSED'
        ? [{ name: `邮件 ${m.uid}`, outcome: 'REFUSED' as const, reason: m.reason ?? '邮件被拒收' }]
        : m.attachments.map((a) => ({
            name: a.fileName,
            outcome: a.outcome,
            batchId: 'batchId' in a ? a.batchId : null,
            reason: 'reason' in a ? a.reason : undefined,
          })),
    );
    return { ok: run.ok, error: run.error, files };
  },
};

function imapConfig(ctx: SourceContext<ImapOptions>, senders: imap.ImapConfig['senders']): imap.ImapConfig {
  const { senderAddresses: _, ...rest } = ctx.config;
  return {
    ...rest,
    ...hostPort(ctx.endpoint, ctx.config.secure ? 993 : 143),
    username: ctx.credentials.username ?? '',
    password: ctx.credentials.password ?? '',
    senders,
  };
}
