// What the account page shows about the holder: name, 身份证号 masked (even to themselves: a screen can be seen
// by others), and the contact masked.
import { maskIdNumber } from '@/lib/crypto/mask';
import { unseal } from '@/lib/crypto/pii';
import { maskContact } from './register';
import type { PublicAccountSession } from './session';

export function accountOverview(account: PublicAccountSession) {
  return {
    name: account.name,
    idNumber: maskIdNumber(unseal(account.idNumberSealed)),
    contact: account.email ? maskContact('EMAIL', account.email) : '手机号码',
  };
}
