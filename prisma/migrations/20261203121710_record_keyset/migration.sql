-- Staff records lists page by keyset over (createdAt, id) within a catalog, newest first: the index serves
-- the first page and the ten-thousandth alike (read backwards for the descending order).
CREATE INDEX "CreditRecord_catalogId_createdAt_id_idx" ON "CreditRecord"("catalogId", "createdAt", "id");
