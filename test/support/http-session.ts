// A signed-in HTTP client of the running app, for tests that must go through the real routes, pages and
// session checks: signs in with Auth.js's credentials callback and keeps the cookies like a browser.
const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';

export interface HttpSession {
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** The session's Cookie header, for a test that must write the request itself (node:http). */
  cookie(): string;
}

export async function signInHttp(username: string, password: string): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${APP_URL}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${APP_URL}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: APP_URL },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${APP_URL}/home` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in of ${username} failed`);
  return {
    cookie,
    async fetch(path, init = {}) {
      const { json, headers, ...rest } = init;
      const r = await fetch(`${APP_URL}${path}`, {
        redirect: 'manual',
        ...rest,
        headers: {
          cookie: cookie(),
          origin: APP_URL,
          ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(headers as Record<string, string> | undefined),
        },
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      });
      keep(r);
      return r;
    },
  };
}
