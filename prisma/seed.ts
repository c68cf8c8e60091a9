// The demo county (npm run db:seed): departments, roles, users of each role, the two national 双公示
// catalogs, code tables, the 2026 holiday calendar, workflow settings and a few hundred organisations
// with their legal representatives. Idempotent: a second run changes nothing. Refuses production.
import '../scripts/dev/use-local-platform'; // first: with nothing configured, the running `npm start`
import { BUILTIN_ROLES, OPERATIONS, PERMISSIONS } from '../lib/auth/permissions';
import { DORMANT_DAYS_DEFAULT, DORMANT_DAYS_KEY, DORMANT_LABEL } from '../lib/admin/dormancy';
import { hashPassword } from '../lib/auth/password';
import { blindIndex, seal } from '../lib/crypto/pii';
import { db } from '../lib/db';
import { rekeyRecords } from '../lib/db/rekey-records';
import { env } from '../lib/env';
import { WORKFLOW_SETTINGS } from '../lib/settings/workflow-settings';
import { catalogs } from './seed-data/catalogs';
import { extraCatalogs, publicityRules, type ExtraCatalog } from './seed-data/catalogs-extra';
import { codeTables } from './seed-data/code-tables';
import { extraCodeTables } from './seed-data/code-tables-extra';
import { collectionMenus } from './seed-data/menus-collection';
import { EXCHANGE_SETTINGS } from '../lib/exchange/settings';
import { departments } from './seed-data/departments';
import { holidays2026 } from './seed-data/holidays';
import { menus } from './seed-data/menus';
import { generateOrganisations } from './seed-data/organisations';
import { DEMO_RESTRICTED_ORG, demoLicenceRows, demoPenaltyRows } from './seed-data/public-records';
import pg from 'pg';
import { checkRow } from '../lib/catalog/check-row';
import { currentVersionId, loadCatalogDef } from '../lib/catalog/load';
import { prepareValues } from '../lib/import/prepare-row';
import { pgRunner } from '../lib/import/sql';
import { writeRecords } from '../lib/import/write-records';
import { publicationDay } from '../lib/publication/rule';
import { seedArticles } from './seed-data/articles';
import sharp from 'sharp';
import { storeImage } from '../lib/cms/media';
import { sanitizeArticleHtml } from '../lib/cms/sanitize';
import { ADMIN_INITIAL_PASSWORD, DEMO_PASSWORD } from './seed-ids';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production' && process.env.ALLOW_SEED !== 'true') {
    throw new Error('Refusing to seed demo data in production (set ALLOW_SEED=true to override).');
  }
  // A database from before keys were hashed; production runs this from `npm run db:migrate`.
  await rekeyRecords(env().DATABASE_URL, (line) => console.log(`seed: ${line}`));
  const deptIds = await seedDepartments();
  const roleIds = await seedRoles();
  await seedUsers(deptIds, roleIds);
  await seedCodeTables();
  await seedCatalogs(deptIds);
  await seedCalendar();
  await seedSettings();
  await seedAdministration();
  await seedCollection();
  await seedOrganisations();
  await seedPublicRecords();
  await seedNews();
  console.log('seed: done');
}

async function seedDepartments(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const d of departments) {
    const parentId = d.parentCode ? ids.get(d.parentCode) : null;
    const row = await db.department.upsert({
      where: { code: d.code },
      create: { code: d.code, name: d.name, kind: d.kind, parentId, sortOrder: d.sortOrder },
      update: {},
    });
    ids.set(d.code, row.id);
  }
  return ids;
}

async function seedRoles(): Promise<Map<string, string>> {
  for (const p of PERMISSIONS)
    await db.permission.upsert({ where: { code: p.code }, create: p, update: { name: p.name, module: p.module } });
  const ids = new Map<string, string>();
  for (const r of BUILTIN_ROLES) {
    const role = await db.role.upsert({
      where: { code: r.code },
      create: { code: r.code, name: r.name, dataScope: r.dataScope, builtin: true },
      update: {},
    });
    await db.rolePermission.createMany({
      data: r.permissions.map((permissionCode) => ({ roleId: role.id, permissionCode })),
      skipDuplicates: true,
    });
    ids.set(r.code, role.id);
  }
  return ids;
}

async function seedUsers(deptIds: Map<string, string>, roleIds: Map<string, string>): Promise<void> {
  const users: { username: string; displayName: string; dept: string; roles: string[]; admin?: boolean }[] = [
    { username: 'admin', displayName: '系统管理员', dept: 'XYZX', roles: ['SYS_ADMIN'], admin: true },
    { username: 'security', displayName: '安全管理员', dept: 'XYZX', roles: ['SECURITY_ADMIN'], admin: true },
    { username: 'auditor', displayName: '审计管理员', dept: 'XYZX', roles: ['AUDIT_ADMIN'], admin: true },
    { username: 'xyzx01', displayName: '李信用', dept: 'XYZX', roles: ['CENTRE_STAFF'] },
    { username: 'scjgj_lead', displayName: '赵局长', dept: 'SCJGJ', roles: ['DEPT_LEADER'] },
    // A second operator in one department, so group inboxes and claiming have someone to compete with.
    { username: 'scjgj02', displayName: '市场监管局报送员二', dept: 'SCJGJ', roles: ['DEPT_OPERATOR'] },
    { username: 'mq01', displayName: '木城所报送员', dept: 'SCJGJ_MQ', roles: ['DEPT_OPERATOR'] },
    ...departments
      .filter((d) => d.kind === 'DEPARTMENT')
      .map((d) => ({
        username: `${d.code.toLowerCase()}01`,
        displayName: `${d.name}报送员`,
        dept: d.code,
        roles: ['DEPT_OPERATOR'],
      })),
  ];
  const existing = new Set((await db.user.findMany({ select: { username: true } })).map((u) => u.username));
  const pending = users.filter((u) => !existing.has(u.username));
  if (!pending.length) return;
  // Demo accounts share one password, so hash it once (scrypt costs ~0.4 s per hash by design).
  const [demoHash, adminHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(ADMIN_INITIAL_PASSWORD)]);
  for (const u of pending) {
    await db.user.create({
      data: {
        username: u.username,
        displayName: u.displayName,
        departmentId: deptIds.get(u.dept)!,
        passwordHash: u.admin ? adminHash : demoHash,
        mustChangePassword: !!u.admin,
        roles: { create: u.roles.map((code) => ({ roleId: roleIds.get(code)! })) },
      },
    });
  }
}

async function seedCodeTables(): Promise<void> {
  for (const t of [...codeTables, ...extraCodeTables]) {
    await db.codeTable.upsert({ where: { code: t.code }, create: { code: t.code, name: t.name }, update: {} });
    await db.codeItem.createMany({
      data: t.items.map((item, i) => ({
        tableCode: t.code,
        code: item.code,
        label: item.label,
        aliases: item.aliases ?? [],
        sortOrder: i,
      })),
      skipDuplicates: true,
    });
  }
}

async function seedCatalogs(deptIds: Map<string, string>): Promise<void> {
  const all: ExtraCatalog[] = [...catalogs, ...extraCatalogs];
  for (const c of all) {
    const catalog = await db.catalog.upsert({
      where: { code: c.code },
      create: {
        code: c.code,
        name: c.name,
        subjectKind: c.subjectKind,
        category: c.category,
        sensitivity: c.sensitivity,
        description: c.description,
      },
      update: {},
    });
    await db.catalogProvider.createMany({
      data: c.providerDeptCodes.map((code) => ({ catalogId: catalog.id, departmentId: deptIds.get(code)! })),
      skipDuplicates: true,
    });
    // A published version is immutable: create version 1 once, never touch it again.
    const v1 = await db.catalogVersion.findUnique({
      where: { catalogId_version: { catalogId: catalog.id, version: 1 } },
    });
    if (v1) continue;
    await db.catalogVersion.create({
      data: {
        catalogId: catalog.id,
        version: 1,
        status: 'PUBLISHED',
        publishedAt: new Date(),
        naturalKey: c.naturalKey,
        rules: c.rules,
        timelinessWorkdays: c.timelinessWorkdays,
        publicityRule: publicityRules[c.code],
        fields: {
          create: c.fields.map((f, i) => ({
            key: f.key,
            label: f.label,
            type: f.type,
            required: f.required ?? false,
            maxLength: f.maxLength ?? null,
            pattern: f.pattern ?? null,
            codeTable: f.codeTable ?? null,
            note: f.note ?? null,
            aliases: f.aliases ?? [],
            personal: f.personal ?? false,
            visibility: f.visibility ?? 'PUBLIC',
            sortOrder: i,
          })),
        },
      },
    });
  }
}

async function seedCalendar(): Promise<void> {
  await db.calendarDay.createMany({
    data: holidays2026.map((d) => ({ date: new Date(`${d.date}T00:00:00Z`), kind: d.kind, name: d.name })),
    skipDuplicates: true,
  });
}

async function seedSettings(): Promise<void> {
  for (const s of WORKFLOW_SETTINGS) {
    await db.workflowSetting.upsert({
      where: { key: s.key },
      create: { key: s.key, value: s.defaultValue, label: s.label, description: s.description },
      update: {},
    });
  }
}

async function seedOrganisations(): Promise<void> {
  const orgs = generateOrganisations(300);
  const known = new Set(
    (await db.subject.findMany({ where: { kind: 'ORG' }, select: { uscc: true } })).map((s) => s.uscc),
  );
  for (const o of orgs.filter((x) => !known.has(x.uscc))) {
    const hash = blindIndex(o.legalRep.idNumber);
    const person = await db.subject.upsert({
      where: { idNumberHash: hash },
      create: { kind: 'PERSON', name: o.legalRep.name, idNumberHash: hash, idNumberSealed: seal(o.legalRep.idNumber) },
      update: {},
    });
    await db.subject.create({
      data: {
        kind: 'ORG',
        name: o.name,
        uscc: o.uscc,
        orgCategory: o.category,
        orgLinks: { create: { personId: person.id, role: 'LEGAL_REPRESENTATIVE', title: '法定代表人' } },
      },
    });
  }
}

// Demo licences and penalties for the public site, written by the import's write path so their publicity
// windows are set as an import sets them (prisma/seed-data/public-records.ts). Idempotent: a second run finds
// every row a duplicate of its stored record. One organisation is restricted, as staff would restrict it.
async function seedPublicRecords(): Promise<void> {
  const orgs = generateOrganisations(300);
  const today = publicationDay();
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  try {
    for (const [code, rows] of [
      ['ADMIN_LICENSE', demoLicenceRows(orgs, today)],
      ['ADMIN_PENALTY', demoPenaltyRows(orgs, today)],
    ] as const) {
      const def = await loadCatalogDef(db, await currentVersionId(db, code));
      const provider = await db.catalogProvider.findFirstOrThrow({ where: { catalogId: def.catalogId } });
      const number = `DEMO-PUBLIC-${code}`;
      const batch =
        (await db.importBatch.findUnique({ where: { number } })) ??
        (await db.importBatch.create({
          data: {
            number,
            catalogVersionId: def.versionId,
            providerDeptId: provider.departmentId,
            source: 'MANUAL',
            workflowId: `seed-${number}`,
            status: 'COMPLETED',
          },
        }));
      const prepared = rows.map((raw, i) => {
        const { values, problems } = checkRow(def, raw, { today: new Date() });
        if (problems.length) throw new Error(`demo ${code} row ${i + 1}: ${JSON.stringify(problems)}`);
        return prepareValues(def, i + 1, values)!;
      });
      await client.query('BEGIN');
      const { outcomes } = await writeRecords(
        pgRunner(client),
        { def, batchId: batch.id, providerDeptId: batch.providerDeptId },
        prepared,
      );
      await client.query('COMMIT');
      const suspect = outcomes.find((o) => o.outcome === 'SUSPECT');
      if (suspect) throw new Error(`demo ${code}: ${JSON.stringify(suspect)}`);
    }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
  await db.subject.updateMany({
    where: { uscc: orgs[DEMO_RESTRICTED_ORG]!.uscc, restricted: false },
    data: { restricted: true, restrictedAt: new Date(), restrictedReason: '演示：受控主体的信息不在公众网站显示' },
  });
}

// Menus, operation buttons and the dormant-account setting (R-7.5, §8.1.4.2): created once, never overwritten,
// so what an administrator changed survives a second seed.
async function seedAdministration(): Promise<void> {
  const ids = new Map<string, string>();
  for (const m of menus) {
    const row = await db.menu.upsert({
      where: { code: m.code },
      create: {
        code: m.code,
        label: m.label,
        href: m.href,
        parentId: m.parentCode ? ids.get(m.parentCode) : null,
        permissionCode: m.permission,
        sortOrder: m.sortOrder,
        builtin: true,
      },
      update: {},
    });
    ids.set(m.code, row.id);
  }
  for (const [i, o] of OPERATIONS.entries()) {
    await db.operation.upsert({
      where: { code: o.code },
      create: { code: o.code, label: o.label, permissionCode: o.permission, menuId: ids.get(o.menu), sortOrder: i },
      update: {},
    });
  }
  await db.workflowSetting.upsert({
    where: { key: DORMANT_DAYS_KEY },
    create: { key: DORMANT_DAYS_KEY, value: DORMANT_DAYS_DEFAULT, label: DORMANT_LABEL },
    update: {},
  });
}

// The collection screens' menu entries and the drop-folder settings (R-1.3): created once, never overwritten.
async function seedCollection(): Promise<void> {
  for (const m of collectionMenus) {
    const parent = m.parentCode ? await db.menu.findUnique({ where: { code: m.parentCode } }) : null;
    await db.menu.upsert({
      where: { code: m.code },
      create: {
        code: m.code,
        label: m.label,
        href: m.href,
        parentId: parent?.id ?? null,
        permissionCode: m.permission,
        sortOrder: m.sortOrder,
        builtin: true,
      },
      update: {},
    });
  }
  for (const s of EXCHANGE_SETTINGS) {
    await db.workflowSetting.upsert({
      where: { key: s.key },
      create: { key: s.key, value: s.defaultValue, label: s.label, description: s.description },
      update: {},
    });
  }
}

// 信用动态: the demo articles, published on past dates; the image is drawn here, no network.
async function seedNews(): Promise<void> {
  const author = await db.user.findUnique({ where: { username: 'xyzx01' } });
  if (!author) return;
  const known = new Set((await db.article.findMany({ select: { title: true } })).map((a) => a.title));
  const pending = seedArticles.filter((a) => !known.has(a.title));
  if (!pending.length) return;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1000">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1e3a8a"/>
    <stop offset="1" stop-color="#60a5fa"/></linearGradient></defs>
    <rect width="1800" height="1000" fill="url(#g)"/><rect x="200" y="620" width="1400" height="200" rx="24" fill="#ffffff" opacity="0.85"/>
    <circle cx="450" cy="380" r="120" fill="#fbbf24"/><rect x="700" y="300" width="700" height="40" rx="20" fill="#dbeafe"/>
    <rect x="700" y="380" width="520" height="40" rx="20" fill="#bfdbfe"/></svg>`;
  const image = await storeImage(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer(), {
    user: null,
    ip: null,
  });
  for (const a of pending) {
    const img = `<p><img src="${image.src}" alt="武陟县社会信用体系建设推进会会场"></p>`;
    const publishAt = new Date(Date.now() - a.daysAgo * 86_400_000);
    await db.article.create({
      data: {
        categoryCode: a.category,
        title: a.title,
        summary: a.summary,
        bodyHtml: sanitizeArticleHtml(a.body.map((p) => (p === '{image}' ? img : p)).join('')),
        coverImageId: a.withImage ? image.id : null,
        status: 'PUBLISHED',
        publishAt,
        authorId: author.id,
        authorName: author.displayName,
        createdAt: publishAt,
        revisions: {
          create: {
            userId: author.id,
            userName: author.displayName,
            action: 'publish',
            changes: { seed: true },
            at: publishAt,
          },
        },
      },
    });
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
