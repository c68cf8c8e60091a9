// Parsing of URL search params and route params on pages. Bad input falls back to a default or a 404
// instead of reaching Prisma, which would throw on a malformed UUID.

type Raw = string | string[] | undefined;

export function first(raw: Raw): string | undefined {
  return Array.isArray(raw) ? raw[0] : raw;
}

/** A page number from ?page=; anything else is page 1. Capped to keep OFFSET queries sane. */
export function parsePage(raw: Raw): number {
  const n = Number(first(raw));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 10_000) : 1;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Next 16 hands page params over still percent-encoded (a task id's ':' arrives as %3A), while route
 * handlers get them decoded. Decoding once is safe for our ids, which never contain a literal '%'.
 */
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Task ids are derived from workflowId + step (not UUIDs); the claim and fix routes accept 1–200 chars. */
export function isTaskId(value: string): boolean {
  return value.length >= 1 && value.length <= 200;
}

export interface SearchParams {
  [key: string]: Raw;
}
