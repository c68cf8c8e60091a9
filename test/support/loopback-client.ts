// An HTTP client of the running app that connects from a chosen loopback address (all of 127.0.0.0/8 is this
// machine on Linux), so a test can be a client, an attacker or a reverse proxy at an address of its own, and
// the app's per-address sign-in throttle never touches the addresses other tests sign in from.
import { request, type IncomingHttpHeaders } from 'node:http';

export interface LoopbackResponse {
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
  headers: IncomingHttpHeaders;
}

export function loopbackRequest(
  url: string,
  opts: { from: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<LoopbackResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.from, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location ?? null,
            setCookies: res.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A browser-like client from one address: keeps cookies, adds the headers given to every request. */
export class LoopbackClient {
  readonly jar = new Map<string, string>();

  constructor(
    private readonly appUrl: string,
    readonly from: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(
    path: string,
    opts: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {},
  ): Promise<LoopbackResponse> {
    const res = await loopbackRequest(`${this.appUrl}${path}`, {
      from: this.from,
      method: opts.method,
      headers: {
        ...this.headers,
        ...(this.jar.size ? { cookie: this.cookie() } : {}),
        ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded', origin: this.appUrl } : {}),
        ...opts.headers,
      },
      body: opts.form ? new URLSearchParams(opts.form).toString() : undefined,
    });
    for (const c of res.setCookies) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value) this.jar.set(pair.slice(0, eq), value);
      else this.jar.delete(pair.slice(0, eq));
    }
    return res;
  }

  /**
   * Auth.js's credentials sign-in, as the login form posts it: 'ok' (a session cookie was set), 'refused'
   * (wrong credentials) or 'throttled' (this client address is refused without a password check).
   */
  async signIn(username: string, password: string): Promise<'ok' | 'refused' | 'throttled'> {
    const csrf = await this.fetch('/api/auth/csrf');
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const res = await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      form: { csrfToken, username, password, callbackUrl: `${this.appUrl}/home` },
    });
    if (res.setCookies.some((c) => /session-token=[^;]/.test(c))) return 'ok';
    const code = new URL(res.location ?? '/', this.appUrl).searchParams.get('code');
    if (code === 'throttled') return 'throttled';
    if (code === 'credentials') return 'refused';
    throw new Error(`unexpected sign-in answer ${res.status} ${res.location ?? ''}`);
  }
}
