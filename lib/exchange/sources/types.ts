// The adapter every exchange source kind implements. Two shapes:
//  - a FILE source (SFTP, FTP/FTPS, IMAP, SMTP inbox, REST push, SOAP, drop folder) hands over whole files,
//    each with the remote id it is acknowledged by afterwards (moved, deleted, flagged as read …), so a file is
//    taken once: pull → create the batch → acknowledge; a crash between them re-pulls a file whose content
//    hash recognises the batch already made;
//  - a ROW source (a department front-end database) hands over rows after a cursor, in chunks, with the
//    watermark of the last row; the flow commits that cursor with the rows (lib/exchange/flow-sync.ts).
// Every kind answers testConnection with a plain Chinese message for the management page.
import type { ExchangeSourceKind } from '@/lib/db';

/** What an adapter gets: the source's validated config, the node's endpoint and its unsealed credentials. */
export interface SourceContext<C = unknown> {
  config: C;
  endpoint: string;
  credentials: Record<string, string>;
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
}

export interface PulledFile {
  /** How the remote side names the file, for `acknowledge` (a path, a message UID, a request id). */
  remoteId: string;
  name: string;
  size: number;
  sha256: string;
  /** A local temporary copy; the caller stores it and removes it. */
  localPath: string;
}

export interface FileSourceAdapter<C = unknown> {
  shape: 'FILE';
  parseConfig(raw: unknown): C;
  testConnection(ctx: SourceContext<C>): Promise<ConnectionCheck>;
  pull(ctx: SourceContext<C>, opts: { limit: number }): Promise<PulledFile[]>;
  acknowledge(ctx: SourceContext<C>, file: PulledFile, outcome: 'TAKEN' | 'REJECTED'): Promise<void>;
  /**
   * One whole pass: every waiting file received through receiveExchangeFile and then acknowledged at its source
   * (lib/exchange/file-sync.ts). The remote protocols implement it with their own tested loop.
   */
  receiveAll?(ctx: SourceContext<C>, target: FileTarget): Promise<FileReceiveRun>;
}

/** Whom a received file is for: the delivering node, its department (the provider) and the flow's catalog. */
export interface FileTarget {
  nodeId: string;
  deptCode: string;
  catalogCode: string;
  taskQueue?: string;
}

export interface FileReceiveRun {
  /** False when the source could not be reached at all (`error` says why). */
  ok: boolean;
  error?: string;
  files: {
    name: string;
    outcome: 'BATCH' | 'DUPLICATE' | 'REFUSED' | 'RETRY_LATER';
    batchId?: string | null;
    reason?: string;
  }[];
}

export interface RowChunk {
  rows: Record<string, unknown>[];
  /** The result's column names, in order: a change from the recorded ones stops the flow. */
  columns: string[];
  /** The watermark of the chunk's last row (text), or the cursor unchanged when there were none. */
  cursorAfter: string | null;
  /** True when no row after `cursorAfter` remains at the time of reading. */
  done: boolean;
}

export interface RowSourceAdapter<C = unknown> {
  shape: 'ROW';
  parseConfig(raw: unknown): C;
  testConnection(ctx: SourceContext<C>): Promise<ConnectionCheck>;
  /** Rows with a watermark after `cursor` (all when null), about `chunkSize` of them, ordered by the watermark. */
  readAfter(ctx: SourceContext<C>, cursor: string | null, chunkSize: number): Promise<RowChunk>;
}

export type SourceAdapter = FileSourceAdapter | RowSourceAdapter;
export type SourceKind = ExchangeSourceKind;

/**
 * A reason the flow must stop until a person looks (columns changed, watermark went backwards, a query that is
 * not a read-only SELECT). Never retried; recorded on the run and the flow with its message.
 */
export class SourceStop extends Error {
  constructor(
    readonly code: 'COLUMNS_CHANGED' | 'WATERMARK_BACKWARDS' | 'BAD_QUERY' | 'BAD_CONFIG',
    message: string,
  ) {
    super(message);
  }
}

/** The source cannot be reached or refused the credentials: a retryable failure with a clear message. */
export class SourceUnavailable extends Error {}
