// The one wrapper of the public API routes (app/api/public/**, no staff login): the same-origin rule on
// state-changing requests, the public-query guard asked once before anything is read (lib/public/guard.ts: rate
// limit, captcha, statistics), params, query and body parsed by zod, the public account's session when the route
// wants it (never the staff session: the two realms share no cookie), and every error as problem+json with its
// Chinese message in `detail` — never a stack trace. Answers are personal or per-query, so none is cached.
// Staff routes use withRoute (lib/http/route.ts), which requires a signed-in staff user.
import { randomUUID } from 'node:crypto';
import { ZodError, type z } from 'zod';
import { UnauthorizedError, ValidationError } from '@/lib/errors';
import { clientAddressOf } from '@/lib/http/client-address';
import { assertNoNul, DEFAULT_JSON_BODY_BYTES, readJsonBody } from '@/lib/http/json-body';
import { assertSameOrigin } from '@/lib/http/origin';
import { problemResponse } from '@/lib/http/problem';
import { cookieOf } from '@/lib/public-accounts/cookies';
import { PUBLIC_SESSION_COOKIE, readPublicSession, type PublicAccountSession } from '@/lib/public-accounts/session';
import { admitPublicQuery, type PublicQueryKind } from './guard';
import { refusalResponse } from './guard-response';

type Raw = Record<string, string>;

interface RawInput {
  params: Raw;
  query: Raw;
  body: unknown;
}

export interface PublicRouteOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  kind: PublicQueryKind;
  params?: P;
  query?: Q;
  /** A JSON body is read (size-limited) only when the route declares its schema. */
  body?: B;
  /** The handler needs a signed-in public account (401 otherwise). */
  signedIn?: boolean;
  /** The personal term of the request (a 身份证号), which the guard counts only as a keyed hash. */
  personalTerm?: (input: RawInput) => string | null | undefined;
}

export interface PublicRouteContext<P, Q, B> {
  req: Request;
  params: P;
  query: Q;
  body: B;
  /** The signed-in public account, if any (always set when the route is `signedIn`). */
  account: PublicAccountSession | null;
  ip: string | null;
  cookie(name: string): string | undefined;
}

type Parsed<S, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;

export function withPublicRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  options: PublicRouteOptions<NonNullable<P> & z.ZodType, NonNullable<Q> & z.ZodType, NonNullable<B> & z.ZodType> & {
    params?: P;
    query?: Q;
    body?: B;
  },
  handler: (ctx: PublicRouteContext<Parsed<P, Raw>, Parsed<Q, Raw>, Parsed<B, undefined>>) => Promise<Response>,
) {
  return async (req: Request, route: { params: Promise<Raw> }): Promise<Response> => {
    const requestId = randomUUID();
    let res: Response;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req.headers);
      const params = await route.params;
      const query = Object.fromEntries(new URL(req.url).searchParams);
      assertNoNul([params, query]);
      const body = options.body ? await readJsonBody(req, DEFAULT_JSON_BODY_BYTES) : undefined;
      if (body !== undefined) assertNoNul([body]);
      const raw = { params, query, body };
      const verdict = await admitPublicQuery(options.kind, {
        captcha: captchaOf(req, raw),
        personalTerm: options.personalTerm?.(raw) ?? null,
      });
      if (!verdict.ok) {
        res = refusalResponse(verdict);
      } else {
        const cookies = req.headers.get('cookie');
        const account = await readPublicSession(cookieOf(cookies, PUBLIC_SESSION_COOKIE));
        if (options.signedIn && !account) throw new UnauthorizedError('请先登录个人账号');
        res = await handler({
          req,
          params: (options.params ? options.params.parse(params) : params) as Parsed<P, Raw>,
          query: (options.query ? options.query.parse(query) : query) as Parsed<Q, Raw>,
          body: (options.body ? options.body.parse(body) : undefined) as Parsed<B, undefined>,
          account,
          ip: clientAddressOf(req.headers),
          cookie: (name) => cookieOf(cookies, name),
        });
      }
    } catch (err) {
      res = await withDetail(problemResponse(publicError(err), requestId));
    }
    res.headers.set('Cache-Control', 'no-store');
    return res;
  };
}

/** The captcha answer a request carries: a header, a query parameter or a body field. */
function captchaOf(req: Request, raw: RawInput): string | null {
  const fromBody = (raw.body as { captcha?: unknown } | null | undefined)?.captcha;
  return req.headers.get('x-captcha') ?? raw.query.captcha ?? (typeof fromBody === 'string' ? fromBody : null);
}

// A citizen gets the schema's own Chinese message for the first problem (e.g. 统一社会信用代码校验位不正确)
// rather than the generic one staff forms show beside each field.
function publicError(err: unknown): unknown {
  if (!(err instanceof ZodError)) return err;
  const message = err.issues.find((i) => /\p{Script=Han}/u.test(i.message))?.message;
  return message ? new ValidationError(message) : err;
}

/** The public contract names the Chinese message `detail` (RFC 9457); lib/http/problem.ts calls it `title`. */
async function withDetail(res: Response): Promise<Response> {
  const body = (await res.json()) as { title?: string };
  return Response.json({ ...body, detail: body.title }, { status: res.status, headers: res.headers });
}
