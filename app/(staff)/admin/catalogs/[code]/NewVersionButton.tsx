'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/app/_lib/api-client';

/** 新建版本: opens the next version as a draft copy and goes to its editor. */
export function NewVersionButton({ code, fromVersion }: { code: string; fromVersion?: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function create() {
    setBusy(true);
    setError(null);
    const result = await callApi(`/api/admin/catalogs/${code}/versions`, { json: fromVersion ? { fromVersion } : {} });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    const version = (result.data as { version: number }).version;
    router.push(`/admin/catalogs/${code}/v/${version}`);
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={create}
        disabled={busy}
        data-testid="version-new"
        className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:bg-blue-400"
      >
        {busy ? '创建中…' : fromVersion ? `以第 ${fromVersion} 版为基础新建版本` : '新建版本'}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
