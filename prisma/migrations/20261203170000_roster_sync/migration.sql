-- Issue 17 (roster sync a district can trust).
ALTER TABLE "sis_import_rows" ADD COLUMN "confirm_student_observer" BOOLEAN NOT NULL DEFAULT false;
