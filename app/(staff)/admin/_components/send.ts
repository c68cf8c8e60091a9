// JSON requests of the administration screens to /api/admin/*: the answer, or the Chinese message of the
// problem (with the offending fields of a 400).
import { readJson, toProblem } from '@/app/_lib/problem';

export type SendResult = { ok: true; data: unknown } | { ok: false; error: string };

export async function send(method: string, url: string, body?: unknown): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = res.status === 204 ? null : await readJson(res);
    if (res.ok) return { ok: true, data };
    const problem = toProblem(res.status, data);
    const invalid =
      data && typeof data === 'object' && 'invalidParams' in data && Array.isArray(data.invalidParams)
        ? (data.invalidParams as { reason?: string }[]).map((p) => p.reason).filter(Boolean)
        : [];
    return { ok: false, error: invalid.length ? `${problem.title}：${invalid.join('；')}` : problem.title };
  } catch {
    return { ok: false, error: '网络错误，请重试' };
  }
}
