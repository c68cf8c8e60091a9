-- Organisation search on the public site (issue 13): by a name fragment of any length, answered from an index
-- range at 1,000,000 organisations. lib/public/search.ts writes the queries these objects serve; keep the two
-- in step. Nothing here is modelled in prisma/schema.prisma: the public site reads it with raw SQL only.
--
-- The searched form of a name (its key): NFKC (full-width letters, digits and brackets become half-width, as
-- the query is normalised in TypeScript) and lower case.
CREATE FUNCTION credit_name_key(name TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT lower(normalize(name, NFKC)) $$;

-- Exact and prefix matches walk this b-tree in result order. The C collation makes that order code-point order
-- whatever the cluster's locale, so a prefix is a key range.
CREATE INDEX "Subject_org_name_key_idx" ON "Subject" ((credit_name_key(name) COLLATE "C"), id) WHERE kind = 'ORG';

-- Every character and every pair of adjacent characters of each organisation's key, with the key itself.
-- Trigram indexes cannot serve a fragment of one or two characters (STACK.md "PostgreSQL facts"), and an
-- inverted index (GIN) cannot return matches in name order: a fragment as common as 县 matches a fifth of all
-- organisations, which would all be fetched and sorted. Here the matches of one gram are a b-tree range already
-- in key order, so a page is the next 20 entries of the range whatever the fragment's frequency; a longer
-- fragment walks the range of its rarest pair and keeps the keys that contain it (lib/public/search.ts).
CREATE TABLE "SubjectNameGram" (
  gram TEXT NOT NULL,
  key TEXT COLLATE "C" NOT NULL,
  "subjectId" UUID NOT NULL REFERENCES "Subject"(id) ON DELETE CASCADE,
  PRIMARY KEY (gram, key, "subjectId")
);
CREATE INDEX "SubjectNameGram_subjectId_idx" ON "SubjectNameGram" ("subjectId");

CREATE FUNCTION credit_name_grams(name TEXT) RETURNS SETOF TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT DISTINCT g FROM (
    SELECT substr(k, i, 1) AS g FROM (SELECT lower(normalize(name, NFKC)) AS k) n, generate_series(1, length(k)) i
    UNION ALL
    SELECT substr(k, i, 2) FROM (SELECT lower(normalize(name, NFKC)) AS k) n, generate_series(1, length(k) - 1) i
  ) s
$$;

-- Kept in step by statement-level triggers (one INSERT … SELECT per statement, so a COPY of a million
-- organisations does not run a million small inserts). Persons are never searchable by name.
CREATE FUNCTION subject_name_grams_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SubjectNameGram" (gram, key, "subjectId")
  SELECT g, credit_name_key(n.name), n.id FROM new_rows n, credit_name_grams(n.name) g WHERE n.kind = 'ORG'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE FUNCTION subject_name_grams_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SubjectNameGram" s USING new_rows n, old_rows o
  WHERE n.id = o.id AND (n.name IS DISTINCT FROM o.name OR n.kind IS DISTINCT FROM o.kind) AND s."subjectId" = n.id;
  INSERT INTO "SubjectNameGram" (gram, key, "subjectId")
  SELECT g, credit_name_key(n.name), n.id FROM new_rows n JOIN old_rows o ON o.id = n.id, credit_name_grams(n.name) g
  WHERE n.kind = 'ORG' AND (n.name IS DISTINCT FROM o.name OR n.kind IS DISTINCT FROM o.kind)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER subject_name_grams_insert AFTER INSERT ON "Subject"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subject_name_grams_insert();
CREATE TRIGGER subject_name_grams_update AFTER UPDATE ON "Subject"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION subject_name_grams_update();

-- Organisations stored before this migration.
INSERT INTO "SubjectNameGram" (gram, key, "subjectId")
SELECT g, credit_name_key(s.name), s.id FROM "Subject" s, credit_name_grams(s.name) g WHERE s.kind = 'ORG';
