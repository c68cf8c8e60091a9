// Auth.js (next-auth v5, pinned beta) with two credentials providers: username + password, and the client
// certificate the reverse proxy verified (off unless CERT_LOGIN_ENABLED). The JWT only names a server-side
// session (lib/auth/session.ts), checked on every request: 15 idle minutes, 8 hours absolute, the TOTP step,
// and revocation on every sign-out, disable and password change.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';
import { clientAddressOf } from '@/lib/http/client-address';
import { logoutSession } from './account';
import { authenticate, THROTTLED_LOGIN_ERROR, type AuthenticatedUser } from './authenticate';
import { certificateLogin, readClientCertificate } from './cert-login';
import { ABSOLUTE_SECONDS, checkSession, openSession, type MfaState, type SessionMethod } from './session';

const credentialsSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) });

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
    username?: string;
    sid?: string;
  }
  interface Session {
    user: { id: string; username: string; name: string };
    sid: string;
    mfa: MfaState;
  }
}

async function startSession(user: AuthenticatedUser, method: SessionMethod, ip: string | null) {
  const sid = await openSession(user.id, { method, mfaRequired: user.mfaRequired, ip });
  return { id: user.id, name: user.displayName, username: user.username, sessionVersion: user.sessionVersion, sid };
}

/** The sign-in action tells a throttled address apart from a failed sign-in (the message names no account). */
export class ThrottledSignin extends CredentialsSignin {
  override code = 'throttled';
}

const options: NextAuthConfig = {
  // The cookie lives for the absolute limit at most; idle expiry is enforced on the server session.
  session: { strategy: 'jwt', maxAge: ABSOLUTE_SECONDS },
  pages: { signIn: '/login' },
  trustHost: true,
  providers: [
    Credentials({
      id: 'credentials',
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const ip = clientAddressOf(request.headers);
        const result = await authenticate(parsed.data.username, parsed.data.password, ip);
        if (!result.ok && result.error === THROTTLED_LOGIN_ERROR) throw new ThrottledSignin();
        return result.ok ? startSession(result.user, 'PASSWORD', ip) : null;
      },
    }),
    Credentials({
      id: 'certificate',
      credentials: {},
      async authorize(_raw, request) {
        const e = env();
        const read = readClientCertificate(request.headers, {
          enabled: e.CERT_LOGIN_ENABLED,
          sharedSecret: e.CERT_LOGIN_SHARED_SECRET,
        });
        if (!read.ok) return null;
        const ip = clientAddressOf(request.headers);
        const result = await certificateLogin(read.cert, ip);
        return result.ok ? startSession(result.user, 'CERTIFICATE', ip) : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = user.sid;
        token.sv = user.sessionVersion;
        token.username = user.username;
      }
      const state = await checkSession(token);
      if (!state.ok) return null;
      token.mfa = state.mfa;
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.uid),
        username: String(token.username),
        name: String(token.name ?? ''),
      };
      session.sid = String(token.sid);
      session.mfa = token.mfa === 'ok' ? 'ok' : 'pending';
      return session;
    },
  },
  events: {
    // Every sign-out ends the server-side session, not only the app's 退出登录 (which revokes first itself):
    // Auth.js's own POST /api/auth/signout would otherwise clear the browser's cookie and leave a copy valid.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (typeof token?.uid === 'string' && typeof token.sid === 'string') {
        await logoutSession(token.uid, token.sid, clientAddressOf(await headers()));
      }
    },
  },
};

// Read per request, so the configuration is validated at run time and not when `next build` loads this module.
// Secure (`__Secure-`) cookies whenever the public address is https, even if the TLS proxy in front does not say
// so with X-Forwarded-Proto.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...options,
  useSecureCookies: new URL(env().APP_URL).protocol === 'https:',
}));
