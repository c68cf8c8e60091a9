// The signed-in public account of a page request (server components): from the public cookie only.
import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { PUBLIC_SESSION_COOKIE, readPublicSession } from './session';

export const currentPublicAccount = cache(async () => {
  const jar = await cookies();
  return readPublicSession(jar.get(PUBLIC_SESSION_COOKIE)?.value);
});
