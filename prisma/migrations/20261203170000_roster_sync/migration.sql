-- Issue 17 (roster sync a district can trust).
ALTER TABLE "sis_import_rows" ADD COLUMN "confirm_student_observer" BOOLEAN NOT NULL DEFAULT false;

-- Snapshots (Canvas's diffing) and their change threshold.
ALTER TABLE "sis_imports" ADD COLUMN "diffing_data_set_identifier" TEXT,
ADD COLUMN "diffing_remaster" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "change_threshold" INTEGER,
ADD COLUMN "diffed_against_import_id" INTEGER;

CREATE INDEX "sis_imports_root_account_id_diffing_data_set_identifier_id_idx" ON "sis_imports"("root_account_id", "diffing_data_set_identifier", "id");
