// What a session must do before the workspace opens, in order: the TOTP code of an enrolled user, a forced
// password change (first sign-in, reset or expiry), the TOTP enrolment an administrator cannot skip.

export type SignInStep = '/login/totp' | '/change-password' | '/account/totp';

export function nextSignInStep(s: {
  mfa: 'ok' | 'pending';
  totpEnrolled: boolean;
  user: { mustChangePassword: boolean };
}): SignInStep | null {
  if (s.mfa === 'pending' && s.totpEnrolled) return '/login/totp';
  if (s.user.mustChangePassword) return '/change-password';
  if (s.mfa === 'pending') return '/account/totp';
  return null;
}
