-- "Undo this import": when it was undone and by whom (an import is undone at most once).
ALTER TABLE "sis_imports" ADD COLUMN "undone_at" TIMESTAMP(3),
ADD COLUMN "undone_by_id" INTEGER;
