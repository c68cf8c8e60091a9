// Auth.js (next-auth v5, pinned beta) with the credentials provider. JWT sessions cannot be revoked on
// their own, so every token carries the user's sessionVersion and login time and is checked against the
// database on each request: logout, disable and password change revoke it; 15 min idle, 8 h absolute.
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/lib/db';
import { authenticate } from './authenticate';

export const IDLE_SECONDS = 15 * 60;
export const ABSOLUTE_SECONDS = 8 * 3600;

const credentialsSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) });

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
    username?: string;
  }
  interface Session {
    user: { id: string; username: string; name: string };
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: IDLE_SECONDS, updateAge: 60 },
  pages: { signIn: '/login' },
  trustHost: true,
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
        const user = await authenticate(parsed.data.username, parsed.data.password, ip);
        if (!user) return null;
        return { id: user.id, name: user.displayName, username: user.username, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.username = user.username;
        token.loginAt = Math.floor(Date.now() / 1000);
        return token;
      }
      if (typeof token.uid !== 'string' || typeof token.loginAt !== 'number') return null;
      if (Date.now() / 1000 - token.loginAt > ABSOLUTE_SECONDS) return null;
      const current = await db.user.findUnique({
        where: { id: token.uid },
        select: { status: true, sessionVersion: true },
      });
      if (!current || current.status !== 'ACTIVE' || current.sessionVersion !== token.sv) return null;
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.uid),
        username: String(token.username),
        name: String(token.name ?? ''),
      };
      return session;
    },
  },
});
