// The built-in catalogs beyond 双公示: organisation and legal-representative basic information,
// person basic information, 守信 and 失信 information, and the professional information of key groups.
// Fields follow the national 公共信用信息基础目录 and GB/T 39445 data elements; field keys match the
// conventions of the import (subjectName, uscc, certType/certNumber, decisionDate) so that 关联比对, the
// decision date and the certificate checks work for every catalog alike.
import type { PublicityRule } from '../../lib/catalog/admin/publicity';
import type { CatalogRule, SeedCatalog, SeedField } from './catalogs';

export type ExtraField = SeedField & { pattern?: string };
export type ExtraCatalog = Omit<SeedCatalog, 'fields'> & { fields: ExtraField[] };

const ORG = ['02', '04'];
const PERSON = ['01'];

const name = (label: string, aliases: string[] = []): ExtraField => ({
  key: 'subjectName',
  label,
  type: 'TEXT',
  required: true,
  maxLength: 200,
  aliases,
});
const uscc = (required: boolean): ExtraField => ({
  key: 'uscc',
  label: '统一社会信用代码',
  type: 'USCC',
  required,
  maxLength: 18,
  note: required ? undefined : '法人及非法人组织、个体工商户必填',
  aliases: ['社会信用代码', '信用代码'],
});
const category: ExtraField = {
  key: 'subjectCategory',
  label: '主体类别',
  type: 'ENUM',
  required: true,
  codeTable: 'subject_category',
  aliases: ['行政相对人类别', '相对人类别'],
};
const cert = (required: boolean, visibility: ExtraField['visibility'] = 'RESTRICTED'): ExtraField[] => [
  { key: 'certType', label: '证件类型', type: 'ENUM', required, codeTable: 'cert_type', note: '自然人必填' },
  {
    key: 'certNumber',
    label: '证件号码',
    type: 'CERT_NUMBER',
    required,
    maxLength: 18,
    note: '按“证件类型”校验',
    aliases: ['身份证号', '身份证号码'],
    personal: true,
    visibility,
  },
];
const legalRepName: ExtraField = {
  key: 'legalRepName',
  label: '法定代表人',
  type: 'TEXT',
  maxLength: 50,
  aliases: ['法定代表人（负责人）', '法人代表', '负责人'],
};
const date = (key: string, label: string, required = false, aliases: string[] = []): ExtraField => ({
  key,
  label,
  type: 'DATE',
  required,
  aliases,
});
const authority = (label: string): ExtraField[] => [
  { key: 'authority', label, type: 'TEXT', required: true, maxLength: 200 },
  { key: 'authorityUscc', label: `${label}统一社会信用代码`, type: 'USCC', required: true, maxLength: 18 },
];
const tail: ExtraField[] = [
  { key: 'sourceUnit', label: '数据来源单位', type: 'TEXT', required: true, maxLength: 200, aliases: ['报送单位'] },
  {
    key: 'sourceUnitUscc',
    label: '数据来源单位统一社会信用代码',
    type: 'USCC',
    required: true,
    maxLength: 18,
    aliases: ['报送单位统一社会信用代码'],
  },
  { key: 'remark', label: '备注', type: 'TEXT', maxLength: 512 },
];
const subjectRules: CatalogRule[] = [
  { kind: 'requiredWhen', field: 'uscc', when: { field: 'subjectCategory', in: ORG } },
  { kind: 'requiredWhen', field: 'certType', when: { field: 'subjectCategory', in: PERSON } },
  { kind: 'requiredWhen', field: 'certNumber', when: { field: 'subjectCategory', in: PERSON } },
];
const order = (before: string, after: string, message: string): CatalogRule => ({
  kind: 'dateOrder',
  before,
  after,
  message,
});

const orgBasicCatalog: ExtraCatalog = {
  code: 'ORG_BASIC',
  name: '法人基本信息',
  subjectKind: 'ORG',
  category: 'BASIC',
  sensitivity: 'PUBLIC',
  description: '企业、农民专业合作社、个体工商户、事业单位和社会组织的登记信息（法人和非法人组织基本信息）。',
  naturalKey: ['uscc'],
  timelinessWorkdays: null,
  rules: [
    { kind: 'notFuture', field: 'establishedDate' },
    order('establishedDate', 'approvalDate', '核准日期不能早于成立日期'),
    order('businessFrom', 'businessTo', '营业期限至不能早于营业期限自'),
  ],
  fields: [
    name('机构名称', ['企业名称', '单位名称', '名称', '主体名称']),
    uscc(true),
    { key: 'regNumber', label: '注册号', type: 'TEXT', maxLength: 50, aliases: ['工商注册号'] },
    {
      key: 'orgType',
      label: '市场主体类型',
      type: 'ENUM',
      required: true,
      codeTable: 'org_type',
      aliases: ['主体类型'],
    },
    { ...legalRepName, label: '法定代表人（负责人）', required: true, aliases: ['法定代表人', '法人代表', '负责人'] },
    date('establishedDate', '成立日期', true, ['注册日期', '设立日期']),
    { key: 'registeredCapital', label: '注册资本（万元）', type: 'AMOUNT_WAN', aliases: ['注册资本', '注册资金'] },
    { key: 'address', label: '住所', type: 'TEXT', required: true, maxLength: 200, aliases: ['地址', '注册地址'] },
    { key: 'businessScope', label: '经营范围', type: 'TEXT', maxLength: 4000, aliases: ['业务范围'] },
    { key: 'industryCode', label: '行业代码', type: 'TEXT', maxLength: 5, pattern: '^[A-T](\\d{2,4})?$' },
    {
      key: 'regStatus',
      label: '登记状态',
      type: 'ENUM',
      required: true,
      codeTable: 'reg_status',
      aliases: ['经营状态'],
    },
    date('businessFrom', '营业期限自'),
    { ...date('businessTo', '营业期限至'), note: '长期填2099-12-31' },
    { key: 'regAuthority', label: '登记机关', type: 'TEXT', required: true, maxLength: 200 },
    date('approvalDate', '核准日期'),
    {
      key: 'phone',
      label: '联系电话',
      type: 'PHONE',
      maxLength: 20,
      personal: true,
      visibility: 'SHARED',
      aliases: ['电话'],
    },
    ...tail,
  ],
  providerDeptCodes: ['SCJGJ'],
};

const legalRepCatalog: ExtraCatalog = {
  code: 'LEGAL_REP',
  name: '法定代表人信息',
  subjectKind: 'ORG',
  category: 'BASIC',
  sensitivity: 'RESTRICTED',
  description: '法人和非法人组织的法定代表人（负责人）及其任职信息，用于法人与法定代表人关联（R-5）。',
  naturalKey: ['uscc', 'legalRepIdNumber'],
  timelinessWorkdays: null,
  rules: [
    { kind: 'notFuture', field: 'appointedDate' },
    order('appointedDate', 'leftDate', '离任日期不能早于任职日期'),
  ],
  fields: [
    name('机构名称', ['企业名称', '单位名称']),
    uscc(true),
    { ...legalRepName, label: '法定代表人姓名', required: true, aliases: ['法定代表人', '姓名'] },
    {
      key: 'legalRepCertType',
      label: '证件类型',
      type: 'ENUM',
      required: true,
      codeTable: 'cert_type',
      aliases: ['法定代表人证件类型'],
    },
    {
      key: 'legalRepIdNumber',
      label: '证件号码',
      type: 'CERT_NUMBER',
      required: true,
      maxLength: 18,
      note: '按“证件类型”校验',
      aliases: ['法定代表人证件号码', '身份证号'],
      personal: true,
      visibility: 'RESTRICTED',
    },
    { key: 'position', label: '职务', type: 'TEXT', maxLength: 50, aliases: ['职位'] },
    date('appointedDate', '任职日期', true, ['任职起始日期']),
    date('leftDate', '离任日期'),
    { key: 'phone', label: '联系电话', type: 'PHONE', maxLength: 20, personal: true, visibility: 'CONFIDENTIAL' },
    ...tail,
  ],
  providerDeptCodes: ['SCJGJ'],
};

const personBasicCatalog: ExtraCatalog = {
  code: 'PERSON_BASIC',
  name: '自然人基本信息',
  subjectKind: 'PERSON',
  category: 'BASIC',
  sensitivity: 'CONFIDENTIAL',
  description: '在本县居住一年以上、年满十六周岁的自然人的身份与居住信息（R-1.1），不对外公示。',
  naturalKey: ['certNumber'],
  timelinessWorkdays: null,
  rules: [
    { kind: 'notFuture', field: 'birthDate' },
    order('birthDate', 'residentSince', '居住起始日期不能早于出生日期'),
  ],
  fields: [
    name('姓名', ['名字']),
    ...cert(true, 'CONFIDENTIAL'),
    { key: 'gender', label: '性别', type: 'ENUM', codeTable: 'gender' },
    date('birthDate', '出生日期', true),
    { key: 'nation', label: '民族', type: 'TEXT', maxLength: 20 },
    { key: 'education', label: '学历', type: 'ENUM', codeTable: 'education', aliases: ['文化程度'] },
    {
      key: 'residenceAddress',
      label: '户籍地址',
      type: 'TEXT',
      maxLength: 200,
      personal: true,
      visibility: 'CONFIDENTIAL',
      aliases: ['户籍所在地'],
    },
    {
      key: 'address',
      label: '居住地址',
      type: 'TEXT',
      maxLength: 200,
      personal: true,
      visibility: 'CONFIDENTIAL',
      aliases: ['现住址', '经常居住地'],
    },
    date('residentSince', '本县居住起始日期'),
    { key: 'phone', label: '联系电话', type: 'PHONE', maxLength: 20, personal: true, visibility: 'CONFIDENTIAL' },
    ...tail,
  ],
  providerDeptCodes: ['GAJ', 'RSJ'],
};

const positiveCatalog: ExtraCatalog = {
  code: 'POSITIVE',
  name: '守信激励信息',
  subjectKind: null,
  category: 'POSITIVE',
  sensitivity: 'PUBLIC',
  description: '纳税信用A级纳税人、荣誉表彰、守合同重信用企业等守信（正面）信息。',
  naturalKey: ['uscc|certNumber', 'positiveType', 'decisionNumber'],
  timelinessWorkdays: null,
  rules: [
    ...subjectRules,
    { kind: 'requiredWhen', field: 'evaluationYear', when: { field: 'positiveType', in: ['01', '04'] } },
    { kind: 'notFuture', field: 'decisionDate' },
    order('validFrom', 'validTo', '有效期至不能早于有效期自'),
  ],
  fields: [
    name('主体名称', ['企业名称', '单位名称', '纳税人名称', '姓名']),
    category,
    uscc(false),
    legalRepName,
    ...cert(false),
    {
      key: 'positiveType',
      label: '守信信息类别',
      type: 'ENUM',
      required: true,
      codeTable: 'positive_type',
      aliases: ['守信类别', '信息类别'],
    },
    {
      key: 'title',
      label: '认定名称',
      type: 'TEXT',
      required: true,
      maxLength: 200,
      aliases: ['荣誉名称', '表彰名称'],
    },
    { key: 'content', label: '主要内容', type: 'TEXT', maxLength: 2000, aliases: ['认定内容'] },
    { key: 'evaluationYear', label: '评价年度', type: 'TEXT', maxLength: 4, pattern: '^(19|20)\\d{2}$' },
    {
      key: 'decisionNumber',
      label: '认定文书号',
      type: 'TEXT',
      required: true,
      maxLength: 128,
      aliases: ['认定文号', '文号'],
    },
    date('decisionDate', '认定日期', true, ['表彰日期', '评定日期']),
    date('validFrom', '有效期自'),
    date('validTo', '有效期至'),
    ...authority('认定机关'),
    ...tail,
  ],
  providerDeptCodes: ['SWJ', 'SCJGJ', 'RSJ', 'ZJJ', 'WJW', 'JYJ', 'JTYSJ'],
};

export const negativeCatalog: ExtraCatalog = {
  code: 'NEGATIVE',
  name: '失信信息',
  subjectKind: null,
  category: 'NEGATIVE',
  sensitivity: 'PUBLIC',
  description: '拖欠农民工工资失信联合惩戒对象、严重失信主体名单、失信被执行人等失信（负面）信息，按严重程度公示。',
  naturalKey: ['uscc|certNumber', 'negativeType', 'decisionNumber'],
  timelinessWorkdays: null,
  rules: [
    ...subjectRules,
    { kind: 'notFuture', field: 'decisionDate' },
    order('decisionDate', 'listUntil', '列入期限至不能早于认定日期'),
    order('decisionDate', 'removedDate', '移出日期不能早于认定日期'),
  ],
  fields: [
    name('主体名称', ['企业名称', '单位名称', '当事人名称', '被执行人名称']),
    category,
    uscc(false),
    legalRepName,
    {
      key: 'legalRepCertType',
      label: '法定代表人证件类型',
      type: 'ENUM',
      codeTable: 'cert_type',
    },
    {
      key: 'legalRepIdNumber',
      label: '法定代表人证件号码',
      type: 'CERT_NUMBER',
      maxLength: 18,
      note: '按“法定代表人证件类型”校验',
      personal: true,
      visibility: 'RESTRICTED',
    },
    ...cert(false),
    {
      key: 'negativeType',
      label: '失信信息类别',
      type: 'ENUM',
      required: true,
      codeTable: 'negative_type',
      aliases: ['失信类别', '名单类别'],
    },
    {
      key: 'severity',
      label: '失信严重程度',
      type: 'ENUM',
      required: true,
      codeTable: 'severity_class',
      aliases: ['严重程度'],
    },
    { key: 'facts', label: '失信行为', type: 'TEXT', required: true, maxLength: 2000, aliases: ['失信事实'] },
    { key: 'basis', label: '认定依据', type: 'TEXT', required: true, maxLength: 2048, aliases: ['列入依据'] },
    {
      key: 'decisionNumber',
      label: '认定文书号',
      type: 'TEXT',
      required: true,
      maxLength: 128,
      aliases: ['列入决定文书号', '决定书文号'],
    },
    date('decisionDate', '认定日期', true, ['列入日期']),
    { key: 'amount', label: '涉及金额（万元）', type: 'AMOUNT_WAN', aliases: ['拖欠金额（万元）', '涉案金额（万元）'] },
    { key: 'sanctions', label: '惩戒措施', type: 'TEXT', maxLength: 2000 },
    date('listUntil', '列入期限至'),
    date('removedDate', '移出日期'),
    ...authority('认定机关'),
    ...tail,
  ],
  providerDeptCodes: ['RSJ', 'FY', 'SWJ', 'SCJGJ', 'YJGLJ', 'ZJJ', 'STHJJ', 'JTYSJ'],
};

const keyGroupCatalog: ExtraCatalog = {
  code: 'KEY_GROUP',
  name: '重点人群职业信息',
  subjectKind: 'PERSON',
  category: 'SOCIAL',
  sensitivity: 'RESTRICTED',
  description: '公务员、医务人员、教师、律师、注册执业人员等重点人群的执业资格与职业信用信息（R-6.5）。',
  naturalKey: ['certNumber', 'groupType', 'qualificationNumber|employer'],
  timelinessWorkdays: null,
  rules: [
    { kind: 'notFuture', field: 'qualificationDate' },
    order('qualificationDate', 'validTo', '证书有效期至不能早于取得日期'),
  ],
  fields: [
    name('姓名'),
    ...cert(true),
    {
      key: 'groupType',
      label: '重点人群类别',
      type: 'ENUM',
      required: true,
      codeTable: 'key_group',
      aliases: ['人群类别'],
    },
    { key: 'employer', label: '工作单位', type: 'TEXT', required: true, maxLength: 200, aliases: ['执业机构'] },
    {
      key: 'employerUscc',
      label: '工作单位统一社会信用代码',
      type: 'USCC',
      maxLength: 18,
      aliases: ['执业机构统一社会信用代码'],
    },
    { key: 'position', label: '职务（岗位）', type: 'TEXT', maxLength: 100, aliases: ['职务', '岗位'] },
    { key: 'qualificationName', label: '资格证书名称', type: 'TEXT', maxLength: 100, aliases: ['执业证书名称'] },
    { key: 'qualificationNumber', label: '证书编号', type: 'TEXT', maxLength: 64, aliases: ['执业证号'] },
    date('qualificationDate', '取得日期', false, ['发证日期']),
    date('validTo', '证书有效期至'),
    { key: 'practiceStatus', label: '执业状态', type: 'ENUM', codeTable: 'practice_status' },
    { key: 'creditNote', label: '职业信用记录', type: 'TEXT', maxLength: 2000, aliases: ['奖惩情况'] },
    { key: 'issuingAuthority', label: '发证机关', type: 'TEXT', maxLength: 200 },
    ...tail,
  ],
  providerDeptCodes: ['WJW', 'JYJ', 'SFJ', 'RSJ', 'ZJJ'],
};

export const extraCatalogs: ExtraCatalog[] = [
  orgBasicCatalog,
  legalRepCatalog,
  personBasicCatalog,
  positiveCatalog,
  negativeCatalog,
  keyGroupCatalog,
];

// 公示期 of every built-in catalog (publicity.ts): 22号's 一般 period for penalties unless 公示截止期 says
// otherwise; licences while valid; 失信 by severity; basic and personal information never.
export const publicityRules: Record<string, PublicityRule> = {
  ADMIN_PENALTY: { kind: 'period', from: 'decisionDate', minMonths: 3, maxMonths: 12, untilField: 'publicUntil' },
  ADMIN_LICENSE: { kind: 'period', from: 'decisionDate', minMonths: 0, maxMonths: null, untilField: 'validTo' },
  ORG_BASIC: { kind: 'period', from: 'establishedDate', minMonths: 0, maxMonths: null },
  LEGAL_REP: { kind: 'none' },
  PERSON_BASIC: { kind: 'none' },
  POSITIVE: { kind: 'period', from: 'decisionDate', minMonths: 0, maxMonths: 36, untilField: 'validTo' },
  NEGATIVE: {
    kind: 'period',
    from: 'decisionDate',
    minMonths: 3,
    maxMonths: 12,
    untilField: 'removedDate',
    classField: 'severity',
    classes: {
      '1': { minMonths: 0, maxMonths: 3 },
      '2': { minMonths: 3, maxMonths: 12 },
      '3': { minMonths: 12, maxMonths: 36 },
    },
  },
  KEY_GROUP: { kind: 'none' },
};
