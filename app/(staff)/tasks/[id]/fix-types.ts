// Plain data the fix screen needs, sent from the server page to the client grid (only what it renders).
import type { Problem } from '@/lib/catalog/types';

export type { Problem };

export interface FixField {
  key: string;
  label: string;
  required: boolean;
  /** Code-table items for ENUM fields (rendered as a select); null for free text. */
  options: { code: string; label: string }[] | null;
}

export interface FixItem {
  id: string;
  rowNumber: number;
  status: string;
  round: number;
  values: Record<string, string>;
  problems: Problem[];
  explanation: string | null;
  reviewComment: string | null;
}

interface FormRow {
  itemId: string;
  selected: boolean;
  /** Why the row is right as it is (asks the credit centre to accept it); submitted separately. */
  explanation: string;
  // Indexed like the fields array, not keyed by field key: react-hook-form reads dots in names as paths.
  values: string[];
}

export interface FixFormValues {
  rows: FormRow[];
}

export function toFormRow(item: FixItem, fields: FixField[]): FormRow {
  return {
    itemId: item.id,
    selected: false,
    explanation: item.status === 'OPEN' ? '' : (item.explanation ?? ''),
    values: fields.map((f) => item.values[f.key] ?? ''),
  };
}

/** details.rows of a 400 from POST /api/tasks/[id]/fixes: the rows that still fail, nothing was saved. */
export function failingRows(details: unknown): { itemId: string; problems: Problem[] }[] {
  if (!details || typeof details !== 'object' || !('rows' in details) || !Array.isArray(details.rows)) return [];
  return details.rows.filter(
    (r): r is { itemId: string; problems: Problem[] } =>
      !!r && typeof r === 'object' && typeof r.itemId === 'string' && Array.isArray(r.problems),
  );
}

interface FixReply {
  done: boolean;
  message: string;
}

export function isFixReply(body: unknown): body is FixReply {
  return !!body && typeof body === 'object' && 'done' in body && 'message' in body && typeof body.message === 'string';
}

export const NETWORK_ERROR = '网络错误，提交失败，请重试';
