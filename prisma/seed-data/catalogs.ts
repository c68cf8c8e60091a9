// The two national 双公示 catalogs (行政处罚, 行政许可) with the columns of the 2019+ national collection
// template, in template order, so a department's filled template maps column by column.
// Labels are the template headers; aliases catch the header spellings departments actually send.

export interface SeedField {
  key: string;
  label: string;
  type: 'TEXT' | 'NUMBER' | 'AMOUNT_WAN' | 'DATE' | 'ENUM' | 'USCC' | 'ID_NUMBER' | 'CERT_NUMBER' | 'PHONE';
  required?: boolean;
  maxLength?: number;
  codeTable?: string;
  note?: string;
  aliases?: string[];
  personal?: boolean;
  visibility?: 'PUBLIC' | 'SHARED' | 'RESTRICTED' | 'CONFIDENTIAL';
}

/** dateOrder: `before` ≤ `after` (equal allowed), checked only when both are present. */
export type CatalogRule =
  | { kind: 'requiredWhen'; field: string; when: { field: string; in: string[] } }
  | { kind: 'dateOrder'; before: string; after: string; message: string }
  | { kind: 'notFuture'; field: string };

export interface SeedCatalog {
  code: string;
  name: string;
  subjectKind: null | 'ORG' | 'PERSON';
  category: 'BASIC' | 'POSITIVE' | 'NEGATIVE' | 'COMMERCIAL' | 'SOCIAL' | 'PUBLIC';
  sensitivity: 'PUBLIC' | 'SHARED' | 'RESTRICTED' | 'CONFIDENTIAL';
  description: string;
  naturalKey: string[];
  timelinessWorkdays: number | null;
  rules: CatalogRule[];
  fields: SeedField[];
  providerDeptCodes: string[];
}

const ORG_CATEGORIES = ['02', '03', '04'];
const PERSON_CATEGORY = ['01'];

const subjectHead: SeedField[] = [
  {
    key: 'subjectName',
    label: '行政相对人名称',
    type: 'TEXT',
    required: true,
    maxLength: 200,
    aliases: ['相对人名称', '当事人名称', '企业名称', '单位名称', '主体名称'],
  },
  {
    key: 'subjectCategory',
    label: '行政相对人类别',
    type: 'ENUM',
    required: true,
    codeTable: 'subject_category',
    aliases: ['相对人类别', '主体类别'],
  },
];

// 代码_1 … 代码_6: only 代码_1 is checked; _2 … _6 exist for rows from before the USCC was issued.
const subjectCodes: SeedField[] = [
  {
    key: 'uscc',
    label: '行政相对人代码_1(统一社会信用代码)',
    type: 'USCC',
    maxLength: 18,
    note: '法人、非法人组织、个体工商户必填',
    aliases: [
      '统一社会信用代码',
      '行政相对人代码_1',
      '行政相对人代码_1（统一社会信用代码）',
      '社会信用代码',
      '信用代码',
    ],
  },
  {
    key: 'regNumber',
    label: '行政相对人代码_2(工商注册号)',
    type: 'TEXT',
    maxLength: 50,
    aliases: ['工商注册号', '注册号', '行政相对人代码_2', '行政相对人代码_2（工商注册号）'],
  },
  {
    key: 'orgCode',
    label: '行政相对人代码_3(组织机构代码)',
    type: 'TEXT',
    maxLength: 9,
    aliases: ['组织机构代码', '行政相对人代码_3', '行政相对人代码_3（组织机构代码）'],
  },
  {
    key: 'taxNumber',
    label: '行政相对人代码_4(税务登记号)',
    type: 'TEXT',
    maxLength: 15,
    aliases: ['税务登记号', '行政相对人代码_4', '行政相对人代码_4（税务登记号）'],
  },
  {
    key: 'institutionNumber',
    label: '行政相对人代码_5(事业单位证书号)',
    type: 'TEXT',
    maxLength: 12,
    aliases: ['事业单位证书号', '行政相对人代码_5', '行政相对人代码_5（事业单位证书号）'],
  },
  {
    key: 'socialOrgNumber',
    label: '行政相对人代码_6(社会组织登记证号)',
    type: 'TEXT',
    maxLength: 50,
    aliases: ['社会组织登记证号', '行政相对人代码_6', '行政相对人代码_6（社会组织登记证号）'],
  },
];

const legalRepName: SeedField = {
  key: 'legalRepName',
  label: '法定代表人',
  type: 'TEXT',
  maxLength: 50,
  aliases: ['法定代表人姓名', '法定代表人（负责人）', '法人代表', '负责人'],
};

const personCert: SeedField[] = [
  {
    key: 'certType',
    label: '证件类型',
    type: 'ENUM',
    codeTable: 'cert_type',
    note: '自然人必填',
    aliases: ['相对人证件类型', '当事人证件类型'],
  },
  {
    key: 'certNumber',
    label: '证件号码',
    type: 'CERT_NUMBER',
    note: '自然人必填；按“证件类型”校验',
    aliases: ['身份证号', '身份证号码', '相对人证件号码', '当事人证件号码'],
    personal: true,
    visibility: 'RESTRICTED',
  },
];

const authorityFields = (label: string, maxLength: number): SeedField[] => [
  { key: 'authority', label, type: 'TEXT', required: true, maxLength },
  {
    key: 'authorityUscc',
    label: `${label}统一社会信用代码`,
    type: 'USCC',
    required: true,
    maxLength: 18,
    aliases: [`${label}代码`],
  },
];

const sourceFields: SeedField[] = [
  {
    key: 'sourceUnit',
    label: '数据来源单位',
    type: 'TEXT',
    required: true,
    maxLength: 200,
    aliases: ['数据来源', '来源单位', '报送单位'],
  },
  {
    key: 'sourceUnitUscc',
    label: '数据来源单位统一社会信用代码',
    type: 'USCC',
    required: true,
    maxLength: 18,
    aliases: ['来源单位统一社会信用代码', '报送单位统一社会信用代码'],
  },
];

const remark: SeedField = { key: 'remark', label: '备注', type: 'TEXT', maxLength: 512 };

const subjectRules: CatalogRule[] = [
  { kind: 'requiredWhen', field: 'uscc', when: { field: 'subjectCategory', in: ORG_CATEGORIES } },
  { kind: 'requiredWhen', field: 'certType', when: { field: 'subjectCategory', in: PERSON_CATEGORY } },
  { kind: 'requiredWhen', field: 'certNumber', when: { field: 'subjectCategory', in: PERSON_CATEGORY } },
];

const PROVIDERS = ['SCJGJ', 'SWJ', 'RSJ', 'ZJJ', 'STHJJ', 'WJW', 'JTYSJ', 'YJGLJ'];

export const adminPenaltyCatalog: SeedCatalog = {
  code: 'ADMIN_PENALTY',
  name: '行政处罚',
  subjectKind: null,
  category: 'NEGATIVE',
  sensitivity: 'PUBLIC',
  description: '各行政执法部门作出的行政处罚决定信息（“双公示”），自作出决定之日起7个工作日内报送公示。',
  naturalKey: ['uscc|certNumber', 'decisionNumber'],
  timelinessWorkdays: 7,
  rules: [
    ...subjectRules,
    // Template: the amount columns are mandatory when the matching penalty kind was imposed.
    { kind: 'requiredWhen', field: 'fineAmount', when: { field: 'penaltyCategory', in: ['03'] } },
    { kind: 'requiredWhen', field: 'confiscatedAmount', when: { field: 'penaltyCategory', in: ['04', '05'] } },
    { kind: 'requiredWhen', field: 'suspendedLicense', when: { field: 'penaltyCategory', in: ['06', '08'] } },
    { kind: 'dateOrder', before: 'decisionDate', after: 'publicUntil', message: '公示截止期不能早于处罚决定日期' },
    { kind: 'dateOrder', before: 'decisionDate', after: 'validUntil', message: '处罚有效期不能早于处罚决定日期' },
    { kind: 'notFuture', field: 'decisionDate' },
  ],
  fields: [
    ...subjectHead,
    ...subjectCodes,
    legalRepName,
    {
      key: 'legalRepCertType',
      label: '法定代表人证件类型',
      type: 'ENUM',
      codeTable: 'cert_type',
      aliases: ['法定代表人证件种类'],
    },
    {
      key: 'legalRepIdNumber',
      label: '法定代表人证件号码',
      type: 'CERT_NUMBER',
      maxLength: 18,
      note: '按“法定代表人证件类型”校验；未填类型时按身份证校验',
      aliases: ['法定代表人身份证号', '法定代表人身份证号码', '法人身份证号'],
      personal: true,
      visibility: 'RESTRICTED',
    },
    ...personCert,
    {
      key: 'decisionNumber',
      label: '行政处罚决定书文号',
      type: 'TEXT',
      required: true,
      maxLength: 128,
      aliases: ['处罚决定书文号', '决定书文号', '行政处罚决定文书号', '处罚文号', '文书号'],
    },
    { key: 'violationType', label: '违法行为类型', type: 'TEXT', required: true, maxLength: 2000 },
    {
      key: 'facts',
      label: '违法事实',
      type: 'TEXT',
      required: true,
      maxLength: 2000,
      aliases: ['主要违法事实', '违法行为'],
    },
    { key: 'basis', label: '处罚依据', type: 'TEXT', required: true, maxLength: 2048 },
    {
      key: 'penaltyCategory',
      label: '处罚类别',
      type: 'ENUM',
      required: true,
      maxLength: 255,
      codeTable: 'penalty_category',
      aliases: ['处罚种类', '处罚类型'],
    },
    {
      key: 'penaltyContent',
      label: '处罚内容',
      type: 'TEXT',
      required: true,
      maxLength: 4000,
      aliases: ['处罚结果', '处罚决定内容'],
    },
    {
      key: 'fineAmount',
      label: '罚款金额（万元）',
      type: 'AMOUNT_WAN',
      note: '单位为万元，处罚类别为罚款时必填',
      aliases: ['罚款金额(万元)', '罚款金额'],
    },
    {
      key: 'confiscatedAmount',
      label: '没收违法所得、没收非法财物的金额（万元）',
      type: 'AMOUNT_WAN',
      note: '单位为万元',
      aliases: ['没收违法所得、没收非法财物的金额(万元)', '没收违法所得金额（万元）', '没收金额（万元）', '没收金额'],
    },
    {
      key: 'suspendedLicense',
      label: '暂扣或吊销证照名称及编号',
      type: 'TEXT',
      maxLength: 200,
      aliases: ['暂扣或吊销证照名称', '证照名称及编号'],
    },
    {
      key: 'decisionDate',
      label: '处罚决定日期',
      type: 'DATE',
      required: true,
      aliases: ['决定日期', '处罚日期', '作出处罚决定日期', '处罚决定作出日期'],
    },
    { key: 'validUntil', label: '处罚有效期', type: 'DATE', note: '长期有效填2099-12-31', aliases: ['有效期'] },
    {
      key: 'publicUntil',
      label: '公示截止期',
      type: 'DATE',
      note: '未填时按公示期规则计算',
      aliases: ['公示截止日期'],
    },
    ...authorityFields('处罚机关', 255),
    ...sourceFields,
    remark,
    {
      // Not in the national template (a city-level extension); Henan does not report 简易程序 penalties of persons.
      key: 'procedureType',
      label: '案件程序类别',
      type: 'ENUM',
      codeTable: 'procedure_type',
      aliases: ['程序类别', '处罚程序'],
    },
  ],
  providerDeptCodes: PROVIDERS,
};

const adminLicenseCatalog: SeedCatalog = {
  code: 'ADMIN_LICENSE',
  name: '行政许可',
  subjectKind: null,
  category: 'PUBLIC',
  sensitivity: 'PUBLIC',
  description: '各部门作出的行政许可决定信息（“双公示”），自作出决定之日起7个工作日内报送公示。',
  naturalKey: ['uscc|certNumber', 'docNumber'],
  timelinessWorkdays: 7,
  rules: [
    ...subjectRules,
    { kind: 'dateOrder', before: 'validFrom', after: 'validTo', message: '有效期至不能早于有效期自' },
    { kind: 'notFuture', field: 'decisionDate' },
  ],
  fields: [
    ...subjectHead,
    ...subjectCodes,
    legalRepName,
    {
      key: 'legalRepIdNumber',
      label: '法定代表人身份证号',
      type: 'ID_NUMBER',
      maxLength: 18,
      aliases: ['法定代表人证件号码', '法定代表人身份证号码', '法人身份证号'],
      personal: true,
      visibility: 'RESTRICTED',
    },
    ...personCert,
    {
      key: 'docName',
      label: '行政许可决定文书名称',
      type: 'TEXT',
      required: true,
      maxLength: 64,
      aliases: ['许可决定文书名称', '决定文书名称', '文书名称'],
    },
    {
      key: 'docNumber',
      label: '行政许可决定文书号',
      type: 'TEXT',
      required: true,
      maxLength: 64,
      aliases: ['许可决定文书号', '行政许可决定书文号', '决定文书号', '许可文书号', '文书号'],
    },
    {
      key: 'licenseCategory',
      label: '许可类别',
      type: 'ENUM',
      required: true,
      codeTable: 'license_category',
      aliases: ['许可类型', '审批类别'],
    },
    { key: 'licenseName', label: '许可证书名称', type: 'TEXT', maxLength: 64, aliases: ['证书名称', '许可证名称'] },
    { key: 'licenseNumber', label: '许可编号', type: 'TEXT', maxLength: 64, aliases: ['许可证编号', '证书编号'] },
    {
      key: 'licenseContent',
      label: '许可内容',
      type: 'TEXT',
      required: true,
      maxLength: 4000,
      aliases: ['许可事项', '许可范围'],
    },
    {
      key: 'decisionDate',
      label: '许可决定日期',
      type: 'DATE',
      required: true,
      aliases: ['决定日期', '许可日期', '审批日期'],
    },
    { key: 'validFrom', label: '有效期自', type: 'DATE', required: true, aliases: ['有效期起', '有效期开始日期'] },
    {
      key: 'validTo',
      label: '有效期至',
      type: 'DATE',
      required: true,
      note: '长期有效填2099-12-31',
      aliases: ['有效期止', '有效期截止日期', '有效期结束日期'],
    },
    ...authorityFields('许可机关', 200),
    {
      key: 'status',
      label: '当前状态',
      type: 'ENUM',
      required: true,
      codeTable: 'license_status',
      aliases: ['状态', '许可状态'],
    },
    ...sourceFields,
    remark,
  ],
  providerDeptCodes: [...PROVIDERS, 'JYJ'],
};

export const catalogs: SeedCatalog[] = [adminPenaltyCatalog, adminLicenseCatalog];
