// Admission of public queries (issue 13, Protection): every query the public site answers — a search, a
// profile, a person query, a report, a verification — asks here first. The guard limits queries per client
// address, asks for a captcha after repeated queries, and counts each admitted query in the statistics
// without keeping a searched personal identifier in clear.
//
// CONTRACT (pages and routes depend on exactly this): call `admitPublicQuery(kind, { captcha })` once per
// query, before reading anything; when the verdict is not `ok`, show its `message` (and the captcha when
// `reason` is CAPTCHA_REQUIRED) instead of results, with the status it names.
// The first implementation below admits every query; the protection part of issue 13 replaces its body.
import 'server-only';

export type PublicQueryKind =
  | 'SEARCH'
  | 'CODE_LOOKUP'
  | 'PROFILE'
  | 'RECORD'
  | 'PUBLICITY_LIST'
  | 'PERSON'
  | 'SELF_QUERY'
  | 'REPORT'
  | 'REPORT_VERIFY'
  | 'ACCOUNT';

export type GuardVerdict =
  | { ok: true }
  | { ok: false; reason: 'RATE_LIMITED'; status: 429; retryAfterSeconds: number; message: string }
  | { ok: false; reason: 'CAPTCHA_REQUIRED' | 'CAPTCHA_WRONG'; status: 403; message: string };

export interface AdmitOptions {
  /** The captcha answer the form carried, when it showed one. */
  captcha?: string | null;
  /** A personal term searched (身份证号, a name with it): counted only as a keyed hash. */
  personalTerm?: string | null;
}

export async function admitPublicQuery(kind: PublicQueryKind, options: AdmitOptions = {}): Promise<GuardVerdict> {
  void kind;
  void options;
  return { ok: true };
}
