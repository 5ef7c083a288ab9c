-- "Undo this import": when it was undone and by whom (an import is undone at most once).
ALTER TABLE "sis_imports" ADD COLUMN "undone_at" TIMESTAMP(3),
ADD COLUMN "undone_by_id" INTEGER;

-- An import's link events, found by the import's id (its undo and its change log read them).
CREATE INDEX "audit_events_sis_import_id_idx" ON "audit_events" ((("data"->>'sisImportId')::int)) WHERE "data" ? 'sisImportId';
