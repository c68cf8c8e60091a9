// What a backup holds (manifest.json): enough to restore it into an empty database of the same schema and
// to prove the restore complete — the migrations applied, every table with its columns and row count, the
// sequences, the file-store archive. Row counts come from the same snapshot as the data.

export const BACKUP_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const FILES_ARCHIVE = 'files.tar.gz';

export interface TableEntry {
  name: string;
  columns: string[];
  rows: number;
  /** Relative to the backup directory: db/<table>.csv.gz (COPY … (FORMAT csv), gzip). */
  file: string;
  bytes: number;
}

export interface SequenceEntry {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface DatabaseManifest {
  database: string;
  serverVersion: string;
  /** The snapshot's time (transaction start), ISO. */
  snapshotAt: string;
  migrations: { name: string; checksum: string }[];
  tables: TableEntry[];
  sequences: SequenceEntry[];
}

export interface FilesManifest {
  file: string;
  /** Files of the store in the archive (the temporary upload area excluded). */
  count: number;
  /** Their total size before compression. */
  bytes: number;
}

export interface Manifest extends DatabaseManifest {
  format: number;
  backupId: string;
  createdAt: string;
  files: FilesManifest;
}
