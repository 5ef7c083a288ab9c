-- The import engine finds a staged row's guardian by lower(login_id) within one import, and tells
-- the students of rows that made a link. Both were sequential scans of the import's rows per batch.
-- Prisma's schema cannot express expression or partial indexes, so they live here only.
CREATE INDEX "sis_import_rows_login_idx" ON "sis_import_rows" ("import_id", lower("login_id"));
CREATE INDEX "sis_import_rows_notify_idx" ON "sis_import_rows" ("import_id", "student_user_id")
  WHERE "outcome" IN ('created', 'linked');
