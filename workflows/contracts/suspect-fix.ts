// The contract of the return-and-fix loop (workflows/suspect-fix.ts), a child of the import of a batch.

export const SUSPECT_FIX_WORKFLOW = 'suspectFix';

export interface SuspectFixInput {
  batchId: string;
  batchNumber: string;
  catalogName: string;
  providerDeptId: string;
}

export interface SuspectFixResult {
  fixed: number;
  reminded: boolean;
  escalated: boolean;
  accepted?: number;
  rounds?: number;
}
