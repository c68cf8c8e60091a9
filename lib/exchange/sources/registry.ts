// Source kind → adapter (lib/exchange/sources/types.ts). A kind without an adapter yet is refused with a
// clear message when a flow would use it. The remote protocols (lib/exchange/protocols/*) register here.
import { SourceStop, type SourceAdapter, type SourceKind } from './types';
import { databaseSource } from './database';
import { dropFolderSource } from './drop-folder';
import { ftpSource, imapSource, sftpSource } from './remote-files';

const ADAPTERS: Partial<Record<SourceKind, SourceAdapter>> = {
  DATABASE: databaseSource as SourceAdapter,
  DROP_FOLDER: dropFolderSource as SourceAdapter,
  SFTP: sftpSource as SourceAdapter,
  FTP: ftpSource as SourceAdapter,
  IMAP: imapSource as SourceAdapter,
};

export const SOURCE_KIND_LABEL: Record<SourceKind, string> = {
  DATABASE: '前置数据库',
  SFTP: 'SFTP',
  FTP: 'FTP/FTPS',
  IMAP: '邮箱（IMAP）',
  SMTP_INBOX: '邮件接收（SMTP）',
  REST_PUSH: 'Web 服务（REST 推送）',
  SOAP: 'Web 服务（SOAP）',
  DROP_FOLDER: '交换目录',
};

export function adapterFor(kind: SourceKind): SourceAdapter {
  const adapter = ADAPTERS[kind];
  if (!adapter) throw new SourceStop('BAD_CONFIG', `来源类型“${SOURCE_KIND_LABEL[kind]}”尚未接入`);
  return adapter;
}

/** For the protocols' module: adds an adapter at start-up. */
export function registerSource(kind: SourceKind, adapter: SourceAdapter): void {
  ADAPTERS[kind] = adapter;
}
