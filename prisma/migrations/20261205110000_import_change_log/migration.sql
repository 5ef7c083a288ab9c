-- Issue 17 §6: what an import did. Its change log reads the import's audit events (each carries
-- data.sisImportId) a page at a time by keyset, per kind, so they are indexed by import, action
-- and id. Prisma's schema cannot express an expression or partial index, so it lives here only.
CREATE INDEX "audit_events_sis_import_idx" ON "audit_events" ((data->>'sisImportId'), "action", "id")
  WHERE data ? 'sisImportId';

-- The emails an import queued (setup links, students' and guardians' notices) name it.
ALTER TABLE "outbox_emails" ADD COLUMN "sis_import_id" INTEGER;
CREATE INDEX "outbox_emails_sis_import_id_id_idx" ON "outbox_emails"("sis_import_id", "id");

-- Guardians told of their new links (in id order) up to this id, at the end of a real run.
ALTER TABLE "sis_imports" ADD COLUMN "guardians_notified_through" INTEGER NOT NULL DEFAULT 0;
