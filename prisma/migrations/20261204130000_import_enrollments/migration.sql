-- enrollments.csv rows (Canvas's observer enrollments with associated_user_id): the course they name.
ALTER TABLE "sis_import_rows" ADD COLUMN "course_ref" TEXT,
ADD COLUMN "course_id" INTEGER;
