import { DataTable, TableCard } from '@/app/_components/DataTable';
import { describePublicity } from '@/lib/catalog/admin/publicity';
import { FIELD_TYPE_LABEL, RULE_KIND_LABEL, SENSITIVITY_LABEL } from '@/lib/catalog/admin/labels';
import type { DraftInput } from '@/lib/catalog/admin/schemas';

/** A published or retired version, read-only: it never changes. */
export function VersionView({ draft, codeTables }: { draft: DraftInput; codeTables: Map<string, string> }) {
  const label = (key: string) => draft.fields.find((f) => f.key === key)?.label ?? key;
  return (
    <div className="space-y-5">
      <TableCard as="section">
        <DataTable
          testId="field-table"
          columns={['标识', '名称', '类型', '必填', '长度', '数据字典', '校验正则', '个人信息', '可见级别', '表头别名']}
          compact
          nowrap
        >
          {draft.fields.map((f) => (
            <tr key={f.key} data-testid="field-row" data-key={f.key}>
              <td className="px-3 py-2 font-mono text-xs">{f.key}</td>
              <td className="px-3 py-2">{f.label}</td>
              <td className="px-3 py-2 whitespace-nowrap">{FIELD_TYPE_LABEL[f.type]}</td>
              <td className="px-3 py-2">{f.required ? '是' : ''}</td>
              <td className="px-3 py-2 tabular-nums">{f.maxLength ?? ''}</td>
              <td className="px-3 py-2">{f.codeTable ? (codeTables.get(f.codeTable) ?? f.codeTable) : ''}</td>
              <td className="px-3 py-2 font-mono text-xs">{f.pattern ?? ''}</td>
              <td className="px-3 py-2">{f.personal ? '加密' : ''}</td>
              <td className="px-3 py-2">{SENSITIVITY_LABEL[f.visibility]}</td>
              <td className="max-w-72 px-3 py-2 text-xs text-slate-600">{f.aliases.join('、')}</td>
            </tr>
          ))}
        </DataTable>
      </TableCard>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">唯一标识（去重依据）</dt>
          <dd data-testid="natural-key">
            {draft.naturalKey.map((k) => k.split('|').map(label).join(' 或 ')).join(' + ') || '—'}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">报送时限</dt>
          <dd>{draft.timelinessWorkdays ? `决定后 ${draft.timelinessWorkdays} 个工作日内` : '不限'}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-slate-500">公示期</dt>
          <dd data-testid="publicity">{describePublicity(draft.publicityRule, label)}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-slate-500">跨字段规则</dt>
          <dd>
            <ul className="list-disc pl-5">
              {draft.rules.map((r, i) => (
                <li key={i}>
                  {RULE_KIND_LABEL[r.kind]}：
                  {r.kind === 'requiredWhen'
                    ? `“${label(r.when.field)}”为 ${r.when.in.join('、')} 时，“${label(r.field)}”必填`
                    : r.kind === 'dateOrder'
                      ? `“${label(r.before)}”不晚于“${label(r.after)}”（${r.message}）`
                      : `“${label(r.field)}”不晚于今天`}
                </li>
              ))}
              {draft.rules.length === 0 && <li>无</li>}
            </ul>
          </dd>
        </div>
      </dl>
    </div>
  );
}
