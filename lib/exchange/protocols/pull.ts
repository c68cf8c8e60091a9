// One run of a pulled source (SFTP, FTP/FTPS): list, fetch each settled file, hand it to receiveExchangeFile, and
// acknowledge it at its source once the outcome is final (imported, a duplicate, or refused with a reason). A file
// that changed while read, or a server that cannot be reached, is recorded and left where it is for the next run:
// nothing is acknowledged before it was received, so a crash in between means a second delivery, which the receipt
// (node, SHA-256) turns into "already received" instead of a second import.
import { rm } from 'node:fs/promises';
import { describeFailure, type FetchResult, type RemoteFile } from './remote';
import { receiveExchangeFile, type ReceiveOutcome } from './receive';
import { recordRefusal, type ExchangeChannel } from './refusals';

export interface PullProtocol<C> {
  listRemoteFiles(config: C): Promise<RemoteFile[]>;
  fetchFile(config: C, file: RemoteFile): Promise<FetchResult>;
  acknowledge(config: C, file: RemoteFile): Promise<void>;
}

export interface PullTarget {
  nodeId: string;
  deptCode: string;
  catalogCode: string;
  channel: Extract<ExchangeChannel, 'SFTP' | 'FTP'>;
  taskQueue?: string;
}

export type PullItem =
  | { file: RemoteFile; result: ReceiveOutcome }
  | { file: RemoteFile; result: { outcome: 'RETRY_LATER'; reason: string } };

export interface PullRun {
  ok: boolean;
  /** Why the run could not list the folder (unreachable, wrong credentials …). */
  error?: string;
  items: PullItem[];
}

export async function pullOnce<C>(protocol: PullProtocol<C>, config: C, target: PullTarget): Promise<PullRun> {
  let files: RemoteFile[];
  try {
    files = await protocol.listRemoteFiles(config);
  } catch (err) {
    const c = config as { host?: string; port?: number };
    const error = describeFailure(err, `${c.host}:${c.port}`);
    await recordRefusal({ nodeRef: target.nodeId, channel: target.channel, subject: '(连接)', reason: error });
    return { ok: false, error, items: [] };
  }
  const items: PullItem[] = [];
  for (const file of files) {
    const got = await protocol.fetchFile(config, file);
    if (!got.ok) {
      await recordRefusal({ nodeRef: target.nodeId, channel: target.channel, subject: file.id, reason: got.reason });
      items.push({ file, result: { outcome: 'RETRY_LATER', reason: got.reason } });
      continue;
    }
    try {
      const result = await receiveExchangeFile({
        nodeId: target.nodeId,
        deptCode: target.deptCode,
        catalogCode: target.catalogCode,
        channel: target.channel,
        fileName: file.name,
        path: got.localPath,
        sha256: got.sha256,
        taskQueue: target.taskQueue,
      });
      await protocol.acknowledge(config, file);
      items.push({ file, result });
    } finally {
      await rm(got.localPath, { force: true });
    }
  }
  return { ok: true, items };
}
