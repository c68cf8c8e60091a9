// The one way client components call our API routes: JSON (or a file) in, the answer or the user's message
// out. Refusals are problem+json (lib/http/problem.ts): the title is the Chinese message, and the field
// reasons of a 400 are appended; a body that is not JSON (a proxy's error page) gets a generic message.

type ApiResult<T = unknown> =
  { ok: true; status: number; data: T } | { ok: false; status: number; message: string; details: unknown };

interface CallOptions<T> {
  /** Default: GET without a body, POST with one. */
  method?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (a file). */
  body?: BodyInit;
  cache?: RequestCache;
  /** The message of a network failure (status 0), worded for the action. */
  networkError?: string;
  /** The shape a successful answer must have; any other answer is a failure with the generic message. */
  accept?: (data: unknown) => data is T;
}

const FALLBACK = '操作失败，请稍后重试';

export async function callApi<T = unknown>(url: string, options: CallOptions<T> = {}): Promise<ApiResult<T>> {
  const { json, cache, accept, networkError = '网络错误，请重试' } = options;
  const body = json === undefined ? options.body : JSON.stringify(json);
  try {
    const res = await fetch(url, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: json === undefined ? undefined : { 'Content-Type': 'application/json' },
      body,
      cache,
    });
    const data = await readJson(res);
    if (res.ok && (!accept || accept(data))) return { ok: true, status: res.status, data: data as T };
    if (res.ok) return { ok: false, status: res.status, message: FALLBACK, details: undefined };
    return { ok: false, status: res.status, message: problemMessage(res.status, data), details: detailsOf(data) };
  } catch {
    return { ok: false, status: 0, message: networkError, details: undefined };
  }
}

/** The user's message for a refused request, from its status and (parsed) body. */
export function problemMessage(status: number, body: unknown): string {
  const title = isObject(body) && typeof body.title === 'string' ? body.title : undefined;
  if (!title) return status === 401 ? '登录已过期，请重新登录' : FALLBACK;
  const reasons =
    isObject(body) && Array.isArray(body.invalidParams)
      ? body.invalidParams.map((p: unknown) => (isObject(p) && typeof p.reason === 'string' ? p.reason : ''))
      : [];
  const distinct = [...new Set(reasons.filter(Boolean))];
  return distinct.length ? `${title}：${distinct.join('；')}` : title;
}

function detailsOf(body: unknown): unknown {
  return isObject(body) && typeof body.title === 'string' ? body.details : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object';
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}
