'use server';

import { redirect } from 'next/navigation';
import { clientIp } from '@/app/_lib/session';
import { getSignInState } from '@/lib/auth/current-user';
import { confirmEnrolment, TOTP_FAILURE, verifySecondFactor } from '@/lib/auth/mfa';
import type { CodeState } from './CodeForm';

function codeOf(formData: FormData): string {
  const v = formData.get('code');
  return typeof v === 'string' ? v.trim().slice(0, 16) : '';
}

/** The code step after the password; /login then sends the session on (password change or work). */
export async function verifyCodeAction(_prev: CodeState, formData: FormData): Promise<CodeState> {
  const state = await getSignInState();
  if (!state || state.mfa !== 'pending') redirect('/login');
  const ok = await verifySecondFactor(
    { userId: state.user.id, sid: state.sid, ip: await clientIp() },
    codeOf(formData),
  );
  if (!ok) return { error: TOTP_FAILURE };
  redirect('/login');
}

/** Confirms enrolment with a first code: forced for administrators at sign-in, by choice for other staff. */
export async function enrolAction(_prev: CodeState, formData: FormData): Promise<CodeState> {
  const state = await getSignInState();
  if (!state) redirect('/login');
  const pending = state.mfa === 'pending';
  const ok = await confirmEnrolment(
    { userId: state.user.id, sid: pending ? state.sid : null, ip: await clientIp() },
    codeOf(formData),
  );
  if (!ok) return { error: TOTP_FAILURE };
  redirect(pending ? '/login' : '/account/totp');
}
