// The one place where errors become HTTP responses (RFC 9457 problem+json). Users get a Chinese message;
// unexpected errors are logged with a request id and answered with a generic message.
import { ZodError } from 'zod';
import { AppError } from '@/lib/errors';

export function problemResponse(err: unknown, requestId: string): Response {
  if (err instanceof ZodError) {
    return problem(400, '提交的数据格式不正确', requestId, {
      invalidParams: err.issues.map((i) => ({ name: i.path.join('.'), reason: i.message })),
    });
  }
  if (err instanceof AppError) {
    return problem(err.status, err.message, requestId, err.details ? { details: err.details } : {});
  }
  console.error(`[${requestId}]`, err);
  return problem(500, '服务器内部错误，请稍后重试', requestId, {});
}

function problem(status: number, title: string, requestId: string, extra: Record<string, unknown>): Response {
  return Response.json(
    { type: 'about:blank', status, title, requestId, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' } },
  );
}
