'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Panel } from '@/app/_components/Panel';
import { draftSchema, type DraftInput } from '@/lib/catalog/admin/schemas';
import { validateDraft, type DraftProblem } from '@/lib/catalog/admin/validate-draft';
import { callApi } from '@/app/_lib/api-client';
import { toDraft, toForm, type DraftForm } from './draft-form';
import { FieldTable } from './FieldTable';
import { PublicityInputs } from './PublicityInputs';
import { RuleList } from './RuleList';

/**
 * The editor of a draft version. Problems are found with the server's own rules before saving;
 * 保存并发布 saves, then publishes — after which the version is immutable.
 */
export function VersionEditor({
  code,
  version,
  draft,
  codeTables,
}: {
  code: string;
  version: number;
  draft: DraftInput;
  codeTables: { code: string; name: string }[];
}) {
  const router = useRouter();
  const { control, register, watch, handleSubmit } = useForm<DraftForm>({ defaultValues: toForm(draft) });
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [status, setStatus] = useState<{ busy: boolean; message: string | null; error: string | null }>({
    busy: false,
    message: null,
    error: null,
  });
  const url = `/api/admin/catalogs/${code}/versions/${version}`;
  const invalid = new Set(problems.flatMap((p) => [p.path, p.path.split('.').slice(0, 2).join('.')]));

  function check(form: DraftForm): DraftInput | null {
    const parsed = draftSchema.safeParse(toDraft(form));
    const found = parsed.success
      ? validateDraft(parsed.data, new Set(codeTables.map((t) => t.code)))
      : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    setProblems(found);
    return parsed.success && found.length === 0 ? parsed.data : null;
  }

  const save = (publish: boolean) =>
    handleSubmit(async (form) => {
      const body = check(form);
      if (!body) return setStatus({ busy: false, message: null, error: '请先修改标出的问题' });
      if (publish && !window.confirm(`发布第 ${version} 版？发布后不可修改，新上传的数据将按此版本校验。`)) return;
      setStatus({ busy: true, message: null, error: null });
      const saved = await callApi(url, { method: 'PUT', json: body });
      const done = saved.ok && publish ? await callApi(`${url}/publish`, { method: 'POST' }) : saved;
      if (!done.ok) return setStatus({ busy: false, message: null, error: done.message });
      setStatus({ busy: false, message: publish ? '已发布' : '草稿已保存', error: null });
      if (publish) router.push(`/admin/catalogs/${code}`);
      router.refresh();
    });

  return (
    <form onSubmit={save(false)} className="space-y-5" data-testid="version-editor">
      <Panel title="字段" titleClassName="mb-2 font-medium text-slate-900">
        <FieldTable control={control} register={register} watch={watch} codeTables={codeTables} invalid={invalid} />
      </Panel>
      <Panel>
        <RuleList control={control} register={register} watch={watch} invalid={invalid} />
      </Panel>
      <Panel>
        <PublicityInputs register={register} watch={watch} invalid={invalid} />
      </Panel>
      {problems.length > 0 && (
        <ul
          role="alert"
          data-testid="draft-problems"
          className="list-disc space-y-1 rounded-md bg-red-50 py-3 pr-4 pl-8 text-sm text-red-700"
        >
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={status.busy}
          data-testid="draft-save"
          className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:bg-blue-400"
        >
          保存草稿
        </button>
        <button
          type="button"
          disabled={status.busy}
          onClick={save(true)}
          data-testid="draft-publish"
          className="rounded-md border border-emerald-700 px-4 py-1.5 text-sm font-medium text-emerald-800 hover:bg-emerald-50 disabled:opacity-50"
        >
          保存并发布
        </button>
        {status.message && (
          <span role="status" className="text-sm text-green-700" data-testid="draft-status">
            {status.message}
          </span>
        )}
        {status.error && (
          <span role="alert" className="text-sm text-red-700" data-testid="draft-error">
            {status.error}
          </span>
        )}
      </div>
    </form>
  );
}
