// A catalog version's template as a download: the file of one upload format, or the XML schema, with
// its content type and file name; and the version a download is for.
import type { Db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { currentVersionId } from './load';
import { buildTemplate } from './template';
import { buildDelimitedTemplate } from './template-csv';
import { buildXmlSample, buildXsd } from './template-xml';
import type { CatalogDef } from './types';

export const TEMPLATE_FORMATS = ['xlsx', 'csv', 'txt', 'xml', 'xsd'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

const FORMATS: Record<
  TemplateFormat,
  { type: string; kind: string; build: (d: CatalogDef) => Buffer | Promise<Buffer> }
> = {
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    kind: '模板',
    build: buildTemplate,
  },
  csv: { type: 'text/csv; charset=utf-8', kind: '模板', build: (d) => buildDelimitedTemplate(d, 'csv') },
  txt: { type: 'text/plain; charset=utf-8', kind: '模板', build: (d) => buildDelimitedTemplate(d, 'txt') },
  xml: { type: 'application/xml; charset=utf-8', kind: '模板', build: buildXmlSample },
  xsd: { type: 'application/xml; charset=utf-8', kind: '结构定义', build: buildXsd },
};

export async function templateFile(
  def: CatalogDef,
  format: TemplateFormat,
): Promise<{ body: Buffer; contentType: string; filename: string }> {
  const f = FORMATS[format];
  return { body: await f.build(def), contentType: f.type, filename: `${def.name}_${f.kind}_v${def.version}.${format}` };
}

/** A version by number (published or retired: a draft is nobody's template yet), else the current one. */
export async function templateVersionId(db: Db, code: string, version: number | undefined): Promise<string> {
  if (version === undefined) return currentVersionId(db, code);
  const v = await db.catalogVersion.findFirst({
    where: { catalog: { code }, version, status: { not: 'DRAFT' } },
    select: { id: true },
  });
  if (!v) throw new NotFoundError(`目录“${code}”没有第${version}版`);
  return v.id;
}
