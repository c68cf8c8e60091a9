// No reuse of the last five passwords (等保 baseline): a new password is checked against the current hash and
// the previous ones. One by one on purpose: each scrypt check holds 128 MiB.
import { verifyPassword } from './password';

export async function reusesPassword(candidate: string, hashes: readonly string[]): Promise<boolean> {
  for (const hash of hashes) if (await verifyPassword(candidate, hash)) return true;
  return false;
}
