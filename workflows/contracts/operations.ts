// The contracts of the operational workflows, started by Temporal Schedules or an administrator's button:
// backups, restore drills, the drop-folder scan and the nightly disabling of dormant accounts.

export const BACKUP_WORKFLOW = 'backup';
export const RESTORE_DRILL_WORKFLOW = 'restoreDrill';
export const DROP_FOLDER_SCAN_WORKFLOW = 'dropFolderScan';
export const DORMANT_ACCOUNTS_WORKFLOW = 'disableDormantAccounts';
export const FILE_STORE_SWEEP_WORKFLOW = 'fileStoreSweep';

export interface BackupInput {
  trigger?: 'SCHEDULE' | 'MANUAL';
}

export interface BackupResult {
  backupId: string;
  status: 'SUCCEEDED' | 'FAILED';
  offsite: string;
}

export interface RestoreDrillInput {
  drillId: string;
}

export type RestoreDrillResult = 'PASSED' | 'FAILED';

export interface DropFolderScanResult {
  batches: number;
  duplicates: number;
  rejected: number;
}

export interface FileStoreSweepResult {
  removed: number;
  kept: number;
  /** A few of the removed files' names, for the run's history. */
  sample: string[];
}
