-- The current national 双公示 template writes 行政相对人类别 as 法人及非法人组织 / 自然人 / 个体工商户: one
-- category for every organisation. Its vocabulary becomes the normal form of the code table, and what older
-- editions and provincial systems write is kept as aliases of the item it means (prisma/seed-data/code-tables.ts,
-- lib/catalog/check-row.ts). A fresh database gets all of this from the seed; this brings an installed one along.

-- AlterTable
ALTER TABLE "CodeItem" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- 行政相对人类别: 02 法人 becomes 02 法人及非法人组织; 03 非法人组织 is read as 02 and disabled. Both changes go into
-- the dictionary's history (R-7.8) like an administrator's.
INSERT INTO "CodeItemRevision" ("tableCode", code, revision, action, before, after, "changedByName")
SELECT i."tableCode", i.code,
       COALESCE((SELECT max(r.revision) FROM "CodeItemRevision" r WHERE r."tableCode" = i."tableCode" AND r.code = i.code), 0) + 1,
       'UPDATE',
       jsonb_build_object('label', i.label, 'sortOrder', i."sortOrder", 'enabled', i.enabled),
       jsonb_build_object('label', CASE i.code WHEN '02' THEN '法人及非法人组织' ELSE i.label END,
                          'sortOrder', i."sortOrder",
                          'enabled', i.code <> '03' AND i.enabled),
       '系统（数据迁移：现行全国双公示模板）'
FROM "CodeItem" i
WHERE i."tableCode" = 'subject_category'
  AND ((i.code = '02' AND i.label = '法人') OR (i.code = '03' AND i.enabled));

UPDATE "CodeItem" SET label = '法人及非法人组织' WHERE "tableCode" = 'subject_category' AND code = '02' AND label = '法人';
UPDATE "CodeItem" SET enabled = false WHERE "tableCode" = 'subject_category' AND code = '03';
UPDATE "CodeItem" SET aliases = ARRAY['法人', '非法人组织', '法人和非法人组织', '03']
WHERE "tableCode" = 'subject_category' AND code = '02';

-- 证件类型 and 处罚类别 as the current template and the 《行政处罚法》 before 2021 write them.
UPDATE "CodeItem" SET aliases = ARRAY['居民身份证'] WHERE "tableCode" = 'cert_type' AND code = '01';
UPDATE "CodeItem" SET aliases = ARRAY['护照号'] WHERE "tableCode" = 'cert_type' AND code = '02';
-- "其他-**", the template's last form of 证件类型.
INSERT INTO "CodeItem" ("tableCode", code, label, aliases, "sortOrder", enabled)
SELECT 'cert_type', '99', '其他', ARRAY[]::TEXT[], 5, true
WHERE EXISTS (SELECT 1 FROM "CodeTable" WHERE code = 'cert_type')
ON CONFLICT DO NOTHING;
INSERT INTO "CodeItemRevision" ("tableCode", code, revision, action, before, after, "changedByName")
SELECT 'cert_type', '99', 1, 'CREATE', NULL, jsonb_build_object('label', '其他', 'sortOrder', 5, 'enabled', true),
       '系统（数据迁移：现行全国双公示模板）'
WHERE EXISTS (SELECT 1 FROM "CodeItem" WHERE "tableCode" = 'cert_type' AND code = '99')
  AND NOT EXISTS (SELECT 1 FROM "CodeItemRevision" WHERE "tableCode" = 'cert_type' AND code = '99');
UPDATE "CodeItem" SET aliases = ARRAY['暂扣许可证', '暂扣执照'] WHERE "tableCode" = 'penalty_category' AND code = '06';
UPDATE "CodeItem" SET aliases = ARRAY['吊销许可证', '吊销执照', '吊销营业执照']
WHERE "tableCode" = 'penalty_category' AND code = '08';
UPDATE "CodeItem" SET aliases = ARRAY['法律、行政法规规定的其他行政处罚']
WHERE "tableCode" = 'penalty_category' AND code = '14';

-- Stored values in the normal form: records and subjects that hold 03 now hold 02. A record's fingerprint hashes
-- its values with the application's key, which SQL does not have: 'refresh' asks lib/db/rekey-records.ts (run by
-- the seed and `npm run db:migrate` right after the migrations) to recompute it. Earlier revisions keep what was
-- stored then.
DO $$
DECLARE
  f record;
BEGIN
  FOR f IN SELECT DISTINCT key FROM "CatalogField" WHERE "codeTable" = 'subject_category' LOOP
    UPDATE "CreditRecord" r
    SET data = jsonb_set(r.data, ARRAY[f.key], '"02"'), fingerprint = 'refresh'
    WHERE r.data ->> f.key = '03'
      AND EXISTS (SELECT 1 FROM "CatalogField" cf
                  WHERE cf."versionId" = r."catalogVersionId" AND cf.key = f.key AND cf."codeTable" = 'subject_category');
  END LOOP;
END $$;

UPDATE "Subject" SET "orgCategory" = '02' WHERE "orgCategory" = '03';
