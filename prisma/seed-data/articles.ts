// Demo articles of the public site's 信用动态: a few per category, dated over the last weeks, one with
// an image drawn at seed time (no network). Plain county-level wording; the events are illustrative.

export interface SeedArticle {
  category: 'news' | 'notice' | 'knowledge' | 'policy';
  title: string;
  summary: string;
  /** Paragraphs; `{image}` marks where the seed image goes. */
  body: string[];
  daysAgo: number;
  withImage?: boolean;
}

export const seedArticles: SeedArticle[] = [
  {
    category: 'news',
    title: '武陟县召开2026年社会信用体系建设推进会',
    summary: '会议总结了前三季度信用信息归集和“双公示”工作，部署了年底前的重点任务。',
    body: [
      '<p>11月20日，武陟县社会信用体系建设领导小组办公室召开全县推进会，县直各部门和各乡镇分管负责同志参加。</p>',
      '{image}',
      '<p>会议通报，今年以来全县共归集行政许可、行政处罚等信用信息十二万余条，“双公示”信息按时报送率达到百分之九十八。</p>',
      '<h2>下一步重点</h2><ul><li>按时、准确报送行政许可和行政处罚信息；</li><li>做好信用修复的指导和服务；</li><li>推进信用承诺在政务服务中的应用。</li></ul>',
    ],
    daysAgo: 3,
    withImage: true,
  },
  {
    category: 'news',
    title: '县市场监管局开展“信用+市场监管”专项培训',
    summary: '全县一百二十余名执法人员参加培训，学习信用分级分类监管的做法。',
    body: [
      '<p>为提升信用监管水平，县市场监管局近日组织开展专项培训，邀请市级业务骨干讲解企业信用风险分类管理。</p>',
      '<p>培训强调，执法人员要把信用记录作为检查频次和方式的重要依据，对守信企业“无事不扰”，对失信企业加强监管。</p>',
    ],
    daysAgo: 9,
  },
  {
    category: 'news',
    title: '我县三家企业完成信用修复重获投标资格',
    summary: '企业在履行行政处罚决定并提交信用承诺后，经审核完成信用修复。',
    body: [
      '<p>近期，县信用中心指导三家因轻微违法受到行政处罚的企业完成信用修复。</p>',
      '<p>企业负责人表示，修复流程清楚，材料一次告知，“跑一次就办好了”。</p>',
    ],
    daysAgo: 16,
  },
  {
    category: 'notice',
    title: '关于做好2026年第四季度“双公示”信息报送工作的通知',
    summary: '请各部门于12月25日前完成本季度行政许可、行政处罚信息的报送和核对。',
    body: [
      '<p>县直各有关部门：</p>',
      '<p>为做好行政许可和行政处罚信息“双公示”工作，请各部门于<strong>2026年12月25日</strong>前，通过平台完成第四季度信息的报送和核对，对系统退回的置疑数据及时修正。</p>',
      '<p>联系电话：0391-7xxxxxx（县信用中心）。</p>',
    ],
    daysAgo: 2,
  },
  {
    category: 'notice',
    title: '信用武陟平台系统维护公告',
    summary: '平台将于本周六凌晨进行维护，期间查询服务暂停约两小时。',
    body: [
      '<p>为提升服务质量，信用武陟平台将于本周六00:00至02:00进行系统维护，期间信用查询和信用报告下载暂停使用。</p>',
      '<p>给您带来的不便，敬请谅解。</p>',
    ],
    daysAgo: 6,
  },
  {
    category: 'knowledge',
    title: '什么是统一社会信用代码？',
    summary: '统一社会信用代码是每个法人和其他组织的“身份证号”，共18位。',
    body: [
      '<p>统一社会信用代码由18位阿拉伯数字或大写英文字母组成，是法人和其他组织在全国范围内唯一、终身不变的身份识别码。</p>',
      '<h2>它由哪几部分组成</h2><ol><li>登记管理部门代码（1位）；</li><li>机构类别代码（1位）；</li><li>登记管理机关行政区划码（6位）；</li><li>主体标识码（9位）；</li><li>校验码（1位）。</li></ol>',
      '<p>在本站“信用查询”中输入完整的统一社会信用代码，可以直接找到对应的企业。</p>',
    ],
    daysAgo: 12,
  },
  {
    category: 'knowledge',
    title: '信用修复怎么办？一文看懂',
    summary: '受到行政处罚的企业，在公示期满前也可以按规定申请信用修复。',
    body: [
      '<p>信用修复是指失信主体在纠正失信行为、履行相关义务后，按规定申请停止公示其失信信息。</p>',
      '<blockquote><p>温馨提示：信用修复不收取任何费用，请勿轻信代办机构。</p></blockquote>',
      '<p>详情可咨询县信用中心，或登录<a href="https://www.creditchina.gov.cn/">信用中国网站</a>查看办理指南。</p>',
    ],
    daysAgo: 20,
  },
  {
    category: 'policy',
    title: '《失信行为纠正后的信用信息修复管理办法（试行）》解读',
    summary: '办法明确了修复的条件、程序和时限，便于企业依法申请。',
    body: [
      '<p>国家发展改革委发布的《失信行为纠正后的信用信息修复管理办法（试行）》，对信用修复的适用范围、申请条件和办理时限作了规定。</p>',
      '<p>根据办法，涉及一般失信行为的行政处罚信息，最短公示期为三个月；严重失信行为的，最短公示期为一年。</p>',
    ],
    daysAgo: 25,
  },
  {
    category: 'policy',
    title: '河南省社会信用条例要点',
    summary: '条例对信用信息的归集、公开、使用和信用主体权益保护作出规定。',
    body: [
      '<p>《河南省社会信用条例》规定，公共信用信息的归集和使用应当遵循合法、安全、及时、准确的原则，保护信用主体的合法权益。</p>',
      '<ul><li>信用主体有权查询自身的信用信息；</li><li>认为信息有误的，可以提出异议；</li><li>符合条件的，可以申请信用修复。</li></ul>',
    ],
    daysAgo: 40,
  },
];
