// The contract of one centre feedback case (workflows/centre-feedback.ts), started by lib/feedback/send.ts.

export const CENTRE_FEEDBACK_WORKFLOW = 'centreFeedback';

export interface CentreFeedbackInput {
  caseId: string;
  caseNumber: string;
  providerDeptId: string;
  /** The sender's department (the credit centre), which closes the case. */
  centreDeptId: string;
  records: number;
}

export interface CentreFeedbackResult {
  rounds: number;
  corrected: number;
  reminded: boolean;
  escalated: boolean;
}
