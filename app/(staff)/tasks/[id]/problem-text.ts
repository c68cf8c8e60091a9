// The message of a refused submission: the problem's title, with the field reasons of a 400 (zod) appended.
import { toProblem } from '@/app/_lib/problem';

export function problemText(status: number, body: unknown): string {
  const problem = toProblem(status, body);
  const invalid =
    body && typeof body === 'object' && 'invalidParams' in body && Array.isArray(body.invalidParams)
      ? (body.invalidParams as { reason?: string }[]).map((p) => p.reason).filter(Boolean)
      : [];
  return invalid.length ? `${problem.title}：${[...new Set(invalid)].join('；')}` : problem.title;
}
