// Reading problem+json answers of our API routes in client components: the title is the Chinese message
// the user sees; a body that is not JSON (proxy error page) gets a generic message.

export interface ProblemBody {
  status?: number;
  title: string;
  details?: unknown;
}

const FALLBACK = '操作失败，请稍后重试';

export function toProblem(status: number, body: unknown): ProblemBody {
  if (body && typeof body === 'object' && 'title' in body && typeof body.title === 'string') {
    return { status, title: body.title, details: 'details' in body ? body.details : undefined };
  }
  if (status === 401) return { status, title: '登录已过期，请重新登录' };
  return { status, title: FALLBACK };
}

export async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}
