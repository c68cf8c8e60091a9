// The effectful steps of reading the exchange drop folders: list the settled files, read one.
// Both are idempotent: a file is moved out of the inbox once read, and its content hash recognises a
// second attempt at the same file.
import { exchangeSetting, SETTLE_KEY } from '@/lib/exchange/settings';
import { ingestDropFile, listDropFiles, type DropFile, type DropOutcome } from '@/lib/exchange/drop-folder';
import type { ActivityDeps } from './index';

export function createExchangeActivities({ db }: ActivityDeps) {
  return {
    async listExchangeInbox(): Promise<DropFile[]> {
      return listDropFiles(await exchangeSetting(db, SETTLE_KEY));
    },

    async ingestExchangeFile(input: { file: DropFile }): Promise<DropOutcome> {
      return ingestDropFile(input.file);
    },
  };
}
