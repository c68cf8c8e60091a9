'use client';

import type { UseFormRegister, UseFormWatch } from 'react-hook-form';
import type { DraftForm } from './draft-form';

const input =
  'mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';

/** Timeliness (报送时限), the publicity-period rule (公示期) and the version's change note. */
export function PublicityInputs({
  register,
  watch,
  invalid,
}: {
  register: UseFormRegister<DraftForm>;
  watch: UseFormWatch<DraftForm>;
  invalid: Set<string>;
}) {
  const kind = watch('publicity.kind');
  const fields = watch('fields').filter((f) => f.key);
  const pick = (
    name: 'publicity.from' | 'publicity.untilField' | 'publicity.classField',
    label: string,
    type: string,
  ) => (
    <label className="text-sm text-slate-700">
      {label}
      <select {...register(name)} className={`${input}${invalid.has(name) ? ' ring-2 ring-red-500/60' : ''}`}>
        <option value="">—</option>
        {fields
          .filter((f) => f.type === type)
          .map((f) => (
            <option key={f.key} value={f.key}>
              {f.label || f.key}
            </option>
          ))}
      </select>
    </label>
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <label className="text-sm text-slate-700">
        报送时限（工作日）
        <input inputMode="numeric" placeholder="不限" {...register('timelinessWorkdays')} className={input} />
        <span className="text-xs text-slate-500">自“decisionDate”起计算，超期标记为迟报</span>
      </label>
      <label className="text-sm text-slate-700">
        公示期规则
        <select {...register('publicity.kind')} className={input} data-testid="publicity-kind">
          <option value="">未设置</option>
          <option value="none">不公示</option>
          <option value="period">按期限公示</option>
        </select>
      </label>
      {kind === 'period' && (
        <>
          {pick('publicity.from', '公示起算日期', 'DATE')}
          <label className="text-sm text-slate-700">
            最短 / 最长公示期（月）
            <span className="mt-1 flex gap-2">
              <input
                inputMode="numeric"
                aria-label="最短公示期（月）"
                {...register('publicity.minMonths')}
                className={input}
              />
              <input
                inputMode="numeric"
                aria-label="最长公示期（月）"
                placeholder="长期"
                {...register('publicity.maxMonths')}
                className={input}
              />
            </span>
          </label>
          {pick('publicity.untilField', '提前截止日期（可选）', 'DATE')}
          {pick('publicity.classField', '按严重程度分级（可选）', 'ENUM')}
          <label className="text-sm text-slate-700 sm:col-span-2">
            分级公示期
            <input
              placeholder="1:0-3；2:3-12；3:12-36"
              {...register('publicity.classes')}
              className={`${input} font-mono`}
            />
            <span className="text-xs text-slate-500">代码:最短-最长（月），以分号分隔</span>
          </label>
        </>
      )}
      <label className="text-sm text-slate-700 sm:col-span-2 lg:col-span-4">
        版本说明
        <input {...register('changeNote')} placeholder="本版本修改了什么" className={input} />
      </label>
    </div>
  );
}
