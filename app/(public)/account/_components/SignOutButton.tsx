'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/app/_lib/api-client';
import { secondaryButton } from './fields';

export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      data-testid="public-signout"
      className={secondaryButton}
      onClick={async () => {
        setBusy(true);
        await callApi('/api/public/account/signout', { json: {} });
        router.push('/signin');
        router.refresh();
      }}
    >
      退出登录
    </button>
  );
}
