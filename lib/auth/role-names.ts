// The display names of a user's roles (by code), for saying who is signed in.
import { db } from '@/lib/db';

export async function roleNames(codes: string[]): Promise<string[]> {
  const roles = await db.role.findMany({ where: { code: { in: codes } }, select: { name: true } });
  return roles.map((r) => r.name);
}
