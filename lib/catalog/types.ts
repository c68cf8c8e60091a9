// A catalog version as plain data: what the import pipeline, the template generator and the fix screen
// check rows against. Loaded once per batch (lib/catalog/load.ts); pure functions work on it.
import type { PublicityRule } from './admin/publicity';

export type FieldType =
  'TEXT' | 'NUMBER' | 'AMOUNT_WAN' | 'DATE' | 'ENUM' | 'USCC' | 'ID_NUMBER' | 'CERT_NUMBER' | 'PHONE';

export type Sensitivity = 'PUBLIC' | 'SHARED' | 'RESTRICTED' | 'CONFIDENTIAL';

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  maxLength: number | null;
  pattern: string | null;
  codeTable: string | null;
  note: string | null;
  aliases: string[];
  personal: boolean;
  visibility: Sensitivity;
}

export type CatalogRule =
  | { kind: 'requiredWhen'; field: string; when: { field: string; in: string[] } }
  | { kind: 'dateOrder'; before: string; after: string; message: string }
  | { kind: 'notFuture'; field: string };

export interface CodeTableDef {
  code: string;
  name: string;
  /** Enabled items in the table's order; aliases are other ways files write the item (read as its code). */
  items: { code: string; label: string; aliases?: string[] }[];
}

export interface CatalogDef {
  catalogId: string;
  versionId: string;
  code: string;
  name: string;
  version: number;
  naturalKey: string[];
  rules: CatalogRule[];
  timelinessWorkdays: number | null;
  /** 公示期 rule of the version; null or kind 'none': its records are never on the public site. */
  publicityRule: PublicityRule | null;
  fields: FieldDef[];
  codeTables: Record<string, CodeTableDef>;
}

/** One thing wrong with a row: field is null for a row-level problem. */
export interface Problem {
  field: string | null;
  code: string;
  message: string;
}

/** A row's values keyed by field key; empty cells are absent or ''. */
export type RowValues = Record<string, string>;
