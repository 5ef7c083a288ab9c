-- A finished dry run is run for real at most once: the real run names its dry run, uniquely.
ALTER TABLE "sis_imports" ADD COLUMN "source_import_id" INTEGER;
CREATE UNIQUE INDEX "sis_imports_source_import_id_key" ON "sis_imports"("source_import_id");
ALTER TABLE "sis_imports" ADD CONSTRAINT "sis_imports_source_import_id_fkey" FOREIGN KEY ("source_import_id") REFERENCES "sis_imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;
